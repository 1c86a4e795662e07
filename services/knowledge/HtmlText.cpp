#include "knowledge/HtmlText.h"

#include <QStringList>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <memory>

namespace shopdesk {

namespace {

QString nodeName(const xmlNode *node)
{
    return QString::fromUtf8(reinterpret_cast<const char *>(node->name)).toLower();
}

bool skipped(const QString &name)
{
    static const QStringList names = {
        QStringLiteral("script"), QStringLiteral("style"),    QStringLiteral("noscript"),
        QStringLiteral("nav"),    QStringLiteral("template"), QStringLiteral("form"),
        QStringLiteral("svg"),    QStringLiteral("head"),     QStringLiteral("iframe")};
    return names.contains(name);
}

bool isBlock(const QString &name)
{
    static const QStringList names = {
        QStringLiteral("p"),          QStringLiteral("div"),    QStringLiteral("li"),
        QStringLiteral("tr"),         QStringLiteral("br"),     QStringLiteral("section"),
        QStringLiteral("article"),    QStringLiteral("table"),  QStringLiteral("ul"),
        QStringLiteral("ol"),         QStringLiteral("dd"),     QStringLiteral("dt"),
        QStringLiteral("blockquote"), QStringLiteral("header"), QStringLiteral("footer"),
        QStringLiteral("main"),       QStringLiteral("pre")};
    return names.contains(name);
}

void walk(const xmlNode *node, QString &out)
{
    for (const xmlNode *n = node; n; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            out += QString::fromUtf8(reinterpret_cast<const char *>(n->content)).simplified();
            if (!out.isEmpty() && !out.endsWith(QLatin1Char('\n')))
                out += QLatin1Char(' ');
            continue;
        }
        if (n->type != XML_ELEMENT_NODE)
            continue;
        const QString name = nodeName(n);
        if (skipped(name))
            continue;
        const bool heading = name.size() == 2 && name.at(0) == QLatin1Char('h') &&
                             name.at(1) >= QLatin1Char('1') && name.at(1) <= QLatin1Char('6');
        if (heading) {
            QString text;
            walk(n->children, text);
            out += QStringLiteral("\n\n") + QString(name.at(1).digitValue(), QLatin1Char('#')) +
                   QLatin1Char(' ') + text.simplified() + QStringLiteral("\n\n");
            continue;
        }
        const bool block = isBlock(name);
        if (block)
            out += QStringLiteral("\n\n");
        walk(n->children, out);
        if (block)
            out += QStringLiteral("\n\n");
    }
}

const xmlNode *findTitle(const xmlNode *node)
{
    for (const xmlNode *n = node; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE && nodeName(n) == QLatin1String("title"))
            return n;
        if (const xmlNode *inner = findTitle(n->children))
            return inner;
    }
    return nullptr;
}

} // namespace

Result<HtmlText::Page> HtmlText::extract(const QByteArray &html)
{
    const int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                        HTML_PARSE_NONET | HTML_PARSE_NOBLANKS;
    std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc(
        htmlReadMemory(html.constData(), int(html.size()), nullptr, nullptr, options), &xmlFreeDoc);
    if (!doc)
        return Result<Page>::failure(QStringLiteral("The web page could not be read."));
    const xmlNode *root = xmlDocGetRootElement(doc.get());
    Page page;
    if (const xmlNode *title = findTitle(root)) {
        QString text;
        walk(title->children, text);
        page.title = text.simplified();
    }
    walk(root, page.markdown);
    // Collapse the blank lines the walk left behind.
    QStringList lines;
    bool blank = false;
    for (const QString &line : page.markdown.split(QLatin1Char('\n'))) {
        const QString t = line.trimmed();
        if (t.isEmpty()) {
            if (!blank && !lines.isEmpty())
                lines << QString();
            blank = true;
        } else {
            lines << t;
            blank = false;
        }
    }
    page.markdown = lines.join(QLatin1Char('\n')).trimmed();
    return page;
}

} // namespace shopdesk
