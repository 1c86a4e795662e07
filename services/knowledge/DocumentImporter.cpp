#include "knowledge/DocumentImporter.h"

#include "knowledge/CsvTable.h"
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

int columnOf(const QStringList &header, const QString &given, const QStringList &names)
{
    for (int i = 0; i < header.size(); ++i) {
        const QString h = header.at(i).trimmed().toLower();
        if (given.isEmpty() ? names.contains(h) : h == given.trimmed().toLower())
            return i;
    }
    return -1;
}

// An FAQ file as passages, one per question, or why it cannot be imported (every bad row is
// named, and none is imported then).
Result<QList<KnowledgeChunk>> faqChunks(const QByteArray &bytes, const QString &title,
                                        const DocumentImporter::Settings &settings)
{
    using R = Result<QList<KnowledgeChunk>>;
    auto rows = CsvTable::parse(bytes);
    if (!rows)
        return R::failure(rows.error());
    if (rows->size() < 2)
        return R::failure(QStringLiteral("The FAQ file needs a header row and at least one "
                                         "question."));
    const QStringList header = rows->first();
    const int q = columnOf(header, settings.questionColumn,
                           {QStringLiteral("question"), QStringLiteral("q"),
                            QStringLiteral("sawal"), QStringLiteral("questions")});
    const int a = columnOf(header, settings.answerColumn,
                           {QStringLiteral("answer"), QStringLiteral("a"), QStringLiteral("jawab"),
                            QStringLiteral("answers")});
    if (q < 0 || a < 0)
        return R::failure(QStringLiteral("Cannot tell which columns hold the questions and the "
                                         "answers (the header is: %1). Name them \"question\" "
                                         "and \"answer\", or choose them when importing.")
                              .arg(header.join(QStringLiteral(", "))));
    QList<KnowledgeChunk> chunks;
    QStringList problems;
    for (qsizetype r = 1; r < rows->size(); ++r) {
        const QStringList &row = rows->at(r);
        if (row.size() == 1 && row.first().trimmed().isEmpty())
            continue; // a blank line
        const QString question = row.value(q).simplified();
        const QString answer = row.value(a).trimmed();
        if (question.isEmpty() || answer.isEmpty()) {
            problems << QStringLiteral("row %1 has no %2")
                            .arg(r + 1)
                            .arg(question.isEmpty() ? QStringLiteral("question")
                                                    : QStringLiteral("answer"));
            continue;
        }
        KnowledgeChunk c;
        c.ordinal = int(chunks.size());
        c.heading = title + QStringLiteral(" > ") + question;
        c.text = question + QLatin1Char('\n') + answer;
        chunks.append(c);
    }
    if (!problems.isEmpty())
        return R::failure(
            QStringLiteral("Nothing was imported: %1.")
                .arg(problems.mid(0, 5).join(QStringLiteral("; ")) +
                     (problems.size() > 5 ? QStringLiteral(" and %1 more").arg(problems.size() - 5)
                                          : QString())));
    return chunks;
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
    const bool faq = suffix == QLatin1String("csv");
    if (!markdown && !html && !faq && suffix != QLatin1String("txt") &&
        suffix != QLatin1String("text"))
        return rejected(name, QStringLiteral("This kind of file (.%1) cannot be imported yet: use "
                                             "plain text (.txt), Markdown (.md), a web page "
                                             "(.html) or an FAQ file (.csv).")
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
    if (!html && !faq)
        text = utf8(bytes);
    if ((!html && !faq && utf8.hasError()) || bytes.contains('\0'))
        return rejected(name, QStringLiteral("The file is not text in UTF-8 (is it a document "
                                             "saved in another format?). Save it as UTF-8 text "
                                             "and import it again."));
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    if (faq ? bytes.trimmed().isEmpty() : text.trimmed().isEmpty())
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
    QList<KnowledgeChunk> chunks;
    if (faq) {
        auto pairs = faqChunks(bytes, title, settings);
        if (!pairs)
            return rejected(name, pairs.error());
        chunks = pairs.value();
    } else {
        chunks = TextChunker::chunk(title, text, settings.chunking);
    }
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
    const QString unit = faq ? QStringLiteral("question") : QStringLiteral("passage");
    o.message = chunks.size() == 1
                    ? QStringLiteral("imported (1 %1)").arg(unit)
                    : QStringLiteral("imported (%1 %2s)").arg(chunks.size()).arg(unit);
    return o;
}

} // namespace shopdesk
