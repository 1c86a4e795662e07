#include "knowledge/DocumentImporter.h"

#include "knowledge/HtmlText.h"
#include "storage/Store.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QStringDecoder>

namespace shopdesk {

namespace {

DocumentImporter::Outcome rejected(const QString &file, const QString &why)
{
    DocumentImporter::Outcome o;
    o.kind = DocumentImporter::Outcome::Kind::Rejected;
    o.file = file;
    o.message = why;
    return o;
}

} // namespace

DocumentImporter::Outcome DocumentImporter::importFile(Store &store, qint64 tenantId,
                                                       const QString &path,
                                                       const Settings &settings)
{
    const QFileInfo info(path);
    const QString name = info.fileName();
    const QString suffix = info.suffix().toLower();
    const bool markdown = suffix == QLatin1String("md") || suffix == QLatin1String("markdown");
    const bool html = suffix == QLatin1String("html") || suffix == QLatin1String("htm");
    if (!markdown && !html && suffix != QLatin1String("txt") && suffix != QLatin1String("text"))
        return rejected(name, QStringLiteral("This kind of file (.%1) cannot be imported yet: use "
                                             "plain text (.txt), Markdown (.md) or a web page "
                                             "(.html).")
                                  .arg(suffix));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return rejected(name, QStringLiteral("Cannot read the file: %1").arg(file.errorString()));
    if (file.size() > settings.maxBytes)
        return rejected(name, QStringLiteral("The file is larger than the %1 MB limit.")
                                  .arg(settings.maxBytes / (1024 * 1024)));
    const QByteArray bytes = file.readAll();
    QString text;
    QString pageTitle;
    if (html) {
        auto page = HtmlText::extract(bytes); // the page's own charset is honoured
        if (!page)
            return rejected(name, page.error());
        text = page->markdown;
        pageTitle = page->title;
    }
    QStringDecoder utf8(QStringDecoder::Utf8);
    if (!html)
        text = utf8(bytes);
    if ((!html && utf8.hasError()) || bytes.contains('\0'))
        return rejected(name, QStringLiteral("The file is not text in UTF-8 (is it a document "
                                             "saved in another format?). Save it as UTF-8 text "
                                             "and import it again."));
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    if (text.trimmed().isEmpty())
        return rejected(name, QStringLiteral("The file is empty."));

    const QString hash =
        QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    auto documents = store.knowledge().documents(tenantId);
    if (!documents)
        return rejected(name, documents.error());
    for (const KnowledgeDocument &d : std::as_const(documents.value())) {
        if (d.sourceName == name && d.contentHash == hash) {
            Outcome o;
            o.kind = Outcome::Kind::Unchanged;
            o.file = name;
            o.documentId = d.id;
            o.chunks = d.chunkCount;
            o.message = QStringLiteral("unchanged since the last import");
            return o;
        }
    }
    const QString title = !pageTitle.isEmpty()
                              ? pageTitle
                              : info.completeBaseName().replace(QLatin1Char('-'), QLatin1Char(' '));
    const QList<KnowledgeChunk> chunks = TextChunker::chunk(title, text, settings.chunking);
    if (chunks.isEmpty())
        return rejected(name, QStringLiteral("The file has no text to learn from."));
    KnowledgeDocument doc;
    doc.title = chunks.first().heading.section(QStringLiteral(" > "), 0, 0);
    doc.sourceName = name;
    doc.mimeType =
        html ? QStringLiteral("text/html")
             : (markdown ? QStringLiteral("text/markdown") : QStringLiteral("text/plain"));
    doc.contentHash = hash;
    auto stored = store.knowledge().putDocument(tenantId, doc, chunks);
    if (!stored)
        return rejected(name, stored.error());
    Outcome o;
    o.kind = Outcome::Kind::Imported;
    o.file = name;
    o.documentId = stored->id;
    o.chunks = int(chunks.size());
    o.message = chunks.size() == 1 ? QStringLiteral("imported (1 passage)")
                                   : QStringLiteral("imported (%1 passages)").arg(chunks.size());
    return o;
}

} // namespace shopdesk
