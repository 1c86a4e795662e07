#include "knowledge/DocumentReader.h"

#include "knowledge/CsvTable.h"
#include "knowledge/DocxText.h"
#include "knowledge/HtmlText.h"
#include "knowledge/PdfText.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QStringDecoder>

namespace shopdesk {

namespace {

using ReadResult = Result<DocumentReader::Read>;

// An FAQ file as passages, one per question, or why it cannot be imported (every bad row is
// named, and none is imported then).
Result<QList<KnowledgeChunk>> faqChunks(const QByteArray &bytes, const QString &title,
                                        const DocumentReader::Settings &settings)
{
    using R = Result<QList<KnowledgeChunk>>;
    auto rows = CsvTable::parse(bytes);
    if (!rows)
        return R::failure(rows.error());
    if (rows->size() < 2)
        return R::failure(QStringLiteral("The FAQ file needs a header row and at least one "
                                         "question."));
    const QStringList header = rows->first();
    const auto [q, a] =
        DocumentReader::faqColumns(header, settings.questionColumn, settings.answerColumn);
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
        auto passage = DocumentReader::faqPassage(title, int(r + 1), row.value(q).simplified(),
                                                  row.value(a).trimmed(), int(chunks.size()));
        if (passage)
            chunks.append(passage.value());
        else
            problems << passage.error();
    }
    if (!problems.isEmpty())
        return R::failure(
            QStringLiteral("Nothing was imported: %1.")
                .arg(problems.mid(0, 5).join(QStringLiteral("; ")) +
                     (problems.size() > 5 ? QStringLiteral(" and %1 more").arg(problems.size() - 5)
                                          : QString())));
    return chunks;
}

// The hash that makes a re-import of the same file with the same settings a no-op; a change of
// the chunking settings re-splits it.
QString contentHash(const QByteArray &bytes, const DocumentReader::Settings &s)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(bytes);
    hash.addData(QStringLiteral("|%1|%2|%3|%4|%5")
                     .arg(s.chunking.maxChars)
                     .arg(s.chunking.overlap)
                     .arg(s.chunking.separator, s.questionColumn, s.answerColumn)
                     .toUtf8());
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace

Result<KnowledgeChunk> DocumentReader::faqPassage(const QString &title, int row,
                                                  const QString &question, const QString &answer,
                                                  int ordinal)
{
    if (question.isEmpty() || answer.isEmpty())
        return Result<KnowledgeChunk>::failure(
            QStringLiteral("row %1 has no %2")
                .arg(row)
                .arg(question.isEmpty() ? QStringLiteral("question") : QStringLiteral("answer")));
    KnowledgeChunk c;
    c.ordinal = ordinal;
    c.heading = title + QStringLiteral(" > ") + question;
    c.text = question + QLatin1Char('\n') + answer;
    return c;
}

DocumentReader::FaqColumns DocumentReader::faqColumns(const QStringList &header,
                                                      const QString &question,
                                                      const QString &answer)
{
    const auto columnOf = [&](const QString &given, const QStringList &names) {
        for (int i = 0; i < header.size(); ++i) {
            const QString h = header.at(i).trimmed().toLower();
            if (given.isEmpty() ? names.contains(h) : h == given.trimmed().toLower())
                return i;
        }
        return -1;
    };
    return {columnOf(question, {QStringLiteral("question"), QStringLiteral("q"),
                                QStringLiteral("sawal"), QStringLiteral("questions")}),
            columnOf(answer, {QStringLiteral("answer"), QStringLiteral("a"),
                              QStringLiteral("jawab"), QStringLiteral("answers")})};
}

QStringList DocumentReader::supportedSuffixes()
{
    return {QStringLiteral("txt"),      QStringLiteral("text"), QStringLiteral("md"),
            QStringLiteral("markdown"), QStringLiteral("html"), QStringLiteral("htm"),
            QStringLiteral("csv"),      QStringLiteral("pdf"),  QStringLiteral("docx")};
}

Result<QStringList> DocumentReader::csvHeader(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Result<QStringList>::failure(
            QStringLiteral("Cannot read the file: %1").arg(file.errorString()));
    QByteArray head = file.read(64 * 1024);
    const qsizetype end = head.indexOf('\n');
    if (end >= 0)
        head.truncate(end + 1);
    auto rows = CsvTable::parse(head);
    if (!rows || rows->isEmpty())
        return Result<QStringList>::failure(QStringLiteral("The file has no header row."));
    return rows->first();
}

ReadResult DocumentReader::read(const QString &path, const Settings &settings,
                                const Progress &progress)
{
    const QFileInfo info(path);
    const QString suffix = info.suffix().toLower();
    if (!supportedSuffixes().contains(suffix))
        return ReadResult::failure(
            QStringLiteral("This kind of file (.%1) cannot be imported: use plain text (.txt), "
                           "Markdown (.md), a web page (.html), an FAQ file (.csv), a PDF or a "
                           "Word document (.docx).")
                .arg(suffix));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return ReadResult::failure(
            QStringLiteral("Cannot read the file: %1").arg(file.errorString()));
    if (file.size() > settings.maxBytes)
        return ReadResult::failure(QStringLiteral("The file is larger than the %1 MB limit.")
                                       .arg(settings.maxBytes / (1024 * 1024)));
    const QByteArray bytes = file.readAll();
    if (bytes.trimmed().isEmpty())
        return ReadResult::failure(QStringLiteral("The file is empty."));

    Read out;
    out.faq = suffix == QLatin1String("csv");
    QString text;
    QString title;
    if (suffix == QLatin1String("pdf")) {
        auto pdf = PdfText::extract(bytes, [&](int done, int total) {
            return !progress || progress(double(done) / std::max(1, total));
        });
        if (!pdf)
            return ReadResult::failure(pdf.error());
        text = pdf.value();
        out.document.mimeType = QStringLiteral("application/pdf");
    } else if (suffix == QLatin1String("docx")) {
        auto docx = DocxText::extract(path);
        if (!docx)
            return ReadResult::failure(docx.error());
        text = docx.value();
        out.document.mimeType = QStringLiteral(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    } else if (suffix == QLatin1String("html") || suffix == QLatin1String("htm")) {
        auto page = HtmlText::extract(bytes); // the page's own charset is honoured
        if (!page)
            return ReadResult::failure(page.error());
        text = page->markdown;
        title = page->title;
        out.document.mimeType = QStringLiteral("text/html");
    } else {
        QStringDecoder utf8(QStringDecoder::Utf8);
        text = utf8(bytes);
        if (utf8.hasError() || bytes.contains('\0'))
            return ReadResult::failure(
                QStringLiteral("The file is not text in UTF-8 (is it a document saved in another "
                               "format?). Save it as UTF-8 text and import it again."));
        if (text.startsWith(QChar(0xFEFF)))
            text.remove(0, 1);
        out.document.mimeType =
            out.faq ? QStringLiteral("text/csv")
                    : (suffix.startsWith(QLatin1String("m")) ? QStringLiteral("text/markdown")
                                                             : QStringLiteral("text/plain"));
    }
    if (!out.faq && text.trimmed().isEmpty())
        return ReadResult::failure(QStringLiteral("The file has no text to learn from."));
    if (progress && !progress(1.0))
        return ReadResult::failure(QStringLiteral("Cancelled."));

    if (title.isEmpty())
        title = info.completeBaseName().replace(QLatin1Char('-'), QLatin1Char(' '));
    if (out.faq) {
        auto pairs = faqChunks(bytes, title, settings);
        if (!pairs)
            return ReadResult::failure(pairs.error());
        out.chunks = pairs.value();
    } else {
        out.chunks = TextChunker::chunk(title, text, settings.chunking);
    }
    if (out.chunks.isEmpty())
        return ReadResult::failure(QStringLiteral("The file has no text to learn from."));
    out.document.title = out.chunks.first().heading.section(QStringLiteral(" > "), 0, 0);
    out.document.sourceName = info.fileName();
    out.document.contentHash = contentHash(bytes, settings);
    return out;
}

} // namespace shopdesk
