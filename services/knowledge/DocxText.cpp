#include "knowledge/DocxText.h"

#include <QFile>
#include <QXmlStreamReader>

#include <minizip/unzip.h>

namespace shopdesk {

namespace {

constexpr qint64 kMaxXmlBytes = 64LL * 1024 * 1024; // an archive bomb stops here

Result<QByteArray> readEntry(const QString &path, const char *entry)
{
    using R = Result<QByteArray>;
    unzFile zip = unzOpen64(QFile::encodeName(path).constData());
    if (!zip)
        return R::failure(QString());
    const auto close = qScopeGuard([zip] { unzClose(zip); });
    if (unzLocateFile(zip, entry, 0) != UNZ_OK)
        return R::failure(QStringLiteral("The file is a zip archive but not a Word document "
                                         "(it has no word/document.xml)."));
    unz_file_info64 info{};
    if (unzGetCurrentFileInfo64(zip, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK ||
        qint64(info.uncompressed_size) > kMaxXmlBytes)
        return R::failure(QStringLiteral("The Word document is too large to read."));
    if (unzOpenCurrentFile(zip) != UNZ_OK)
        return R::failure(QStringLiteral("The Word document is damaged and cannot be read."));
    QByteArray xml(qsizetype(info.uncompressed_size), Qt::Uninitialized);
    qsizetype got = 0;
    while (got < xml.size()) {
        const int n = unzReadCurrentFile(zip, xml.data() + got, unsigned(xml.size() - got));
        if (n <= 0)
            break;
        got += n;
    }
    const int closed = unzCloseCurrentFile(zip); // checks the CRC
    if (got != xml.size() || closed != UNZ_OK)
        return R::failure(QStringLiteral("The Word document is damaged and cannot be read."));
    return xml;
}

// "Heading2" -> 2, "Title" -> 1, anything else -> 0.
int headingLevel(QStringView style)
{
    if (style.compare(u"Title", Qt::CaseInsensitive) == 0)
        return 1;
    if (style.startsWith(u"Heading", Qt::CaseInsensitive)) {
        bool ok = false;
        const int n = style.mid(7).toInt(&ok);
        if (ok && n >= 1 && n <= 5)
            return n + 1; // the document's title is level 1
    }
    return 0;
}

} // namespace

Result<QString> DocxText::extract(const QString &path)
{
    using R = Result<QString>;
    QFile file(path);
    if (file.open(QIODevice::ReadOnly)) {
        const QByteArray magic = file.read(8);
        if (magic.startsWith("\xD0\xCF\x11\xE0"))
            return R::failure(QStringLiteral("The document is protected with a password or saved "
                                             "in the old Word format (.doc). Save it as .docx "
                                             "without a password and import it again."));
        if (!magic.startsWith("PK"))
            return R::failure(QStringLiteral("The file is not a Word document (.docx)."));
    }
    auto xml = readEntry(path, "word/document.xml");
    if (!xml)
        return R::failure(xml.error().isEmpty()
                              ? QStringLiteral("The Word document is damaged and cannot be read.")
                              : xml.error());

    QXmlStreamReader reader(xml.value());
    QStringList lines;
    QString paragraph;
    int level = 0;
    bool listItem = false;
    QStringList cells;
    int tableDepth = 0;
    while (!reader.atEnd()) {
        const auto token = reader.readNext();
        const QStringView name = reader.name();
        if (token == QXmlStreamReader::StartElement) {
            if (name == u"p") {
                paragraph.clear();
                level = 0;
                listItem = false;
            } else if (name == u"pStyle") {
                level = headingLevel(reader.attributes().value(QStringLiteral("w:val")));
            } else if (name == u"numPr") {
                listItem = true;
            } else if (name == u"t") {
                paragraph += reader.readElementText();
            } else if (name == u"tab") {
                paragraph += u' ';
            } else if (name == u"br" || name == u"cr") {
                paragraph += u' ';
            } else if (name == u"tbl") {
                ++tableDepth;
            } else if (name == u"tr") {
                cells.clear();
            }
        } else if (token == QXmlStreamReader::EndElement) {
            if (name == u"p") {
                const QString text = paragraph.simplified();
                if (text.isEmpty())
                    continue;
                if (tableDepth > 0) {
                    cells << text;
                } else if (level > 0) {
                    lines << QString(level, u'#') + u' ' + text << QString();
                } else {
                    lines << (listItem ? QStringLiteral("- ") + text : text) << QString();
                }
            } else if (name == u"tr") {
                if (!cells.isEmpty())
                    lines << cells.join(QStringLiteral(" | ")) << QString();
                cells.clear();
            } else if (name == u"tbl") {
                --tableDepth;
            }
        }
    }
    if (reader.hasError())
        return R::failure(QStringLiteral("The Word document is damaged and cannot be read (%1).")
                              .arg(reader.errorString()));
    return lines.join(u'\n');
}

} // namespace shopdesk
