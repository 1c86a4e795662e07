#include "knowledge/TextChunker.h"

#include <QRegularExpression>
#include <QStringList>

namespace shopdesk {

namespace {

// Sentences of a long paragraph, packed into pieces of at most maxChars, each starting with
// the end of the previous one (overlap) so no fact is cut in half without context.
QStringList splitLong(const QString &paragraph, int maxChars, int overlap)
{
    static const QRegularExpression sentenceEnd(QStringLiteral("(?<=[.!?।])\\s+"));
    QStringList sentences = paragraph.split(sentenceEnd, Qt::SkipEmptyParts);
    QStringList pieces;
    QString current;
    for (QString s : std::as_const(sentences)) {
        while (s.size() > maxChars) { // a "sentence" with no end: cut at a space
            qsizetype cut = s.lastIndexOf(QLatin1Char(' '), maxChars);
            if (cut <= 0)
                cut = maxChars;
            if (!current.isEmpty()) {
                pieces << current;
                current.clear();
            }
            pieces << s.left(cut).trimmed();
            s = s.mid(cut).trimmed();
        }
        if (!current.isEmpty() && current.size() + 1 + s.size() > maxChars) {
            pieces << current;
            const QString tail = current.right(overlap);
            const qsizetype space = tail.indexOf(QLatin1Char(' '));
            current = space >= 0 ? tail.mid(space + 1) : QString();
        }
        current = current.isEmpty() ? s : current + QLatin1Char(' ') + s;
    }
    if (!current.trimmed().isEmpty())
        pieces << current;
    return pieces;
}

} // namespace

QList<KnowledgeChunk> TextChunker::chunk(const QString &title, const QString &text,
                                         const Settings &settings)
{
    const int maxChars = std::max(100, settings.maxChars);
    const int overlap = std::clamp(settings.overlap, 0, maxChars / 2);
    QList<KnowledgeChunk> chunks;
    QStringList path; // headings below the document's title
    QString docTitle = title;
    QString current;
    const auto headingText = [&] {
        QStringList parts{docTitle};
        parts += path;
        return parts.join(QStringLiteral(" > "));
    };
    const auto push = [&](const QString &body) {
        const QString trimmed = body.trimmed();
        if (trimmed.isEmpty())
            return;
        KnowledgeChunk c;
        c.ordinal = int(chunks.size());
        c.heading = headingText();
        c.text = trimmed;
        chunks.append(c);
    };
    const auto flush = [&] {
        if (!current.trimmed().isEmpty())
            push(current);
        current.clear();
    };
    const auto addParagraph = [&](const QString &paragraph) {
        const QString p = paragraph.simplified();
        if (p.isEmpty())
            return;
        if (p.size() > maxChars) {
            flush();
            for (const QString &piece : splitLong(p, maxChars, overlap))
                push(piece);
            return;
        }
        if (!current.isEmpty() && current.size() + 2 + p.size() > maxChars)
            flush();
        current = current.isEmpty() ? p : current + QStringLiteral("\n\n") + p;
    };

    static const QRegularExpression heading(QStringLiteral("^(#{1,6})\\s+(.*)$"));
    QString paragraph;
    const QStringList lines = QString(text)
                                  .replace(QStringLiteral("\r\n"), QStringLiteral("\n"))
                                  .split(QLatin1Char('\n'));
    const QString separator = settings.separator.trimmed();
    for (const QString &line : lines) {
        if (!separator.isEmpty() && line.trimmed() == separator) {
            addParagraph(paragraph);
            paragraph.clear();
            flush();
            continue;
        }
        const auto m = heading.match(line.trimmed());
        if (m.hasMatch()) {
            addParagraph(paragraph);
            paragraph.clear();
            flush();
            const int level = int(m.captured(1).size());
            const QString name = m.captured(2).trimmed();
            if (level == 1 && chunks.isEmpty() && path.isEmpty()) {
                docTitle = name; // the document's own title
                continue;
            }
            while (path.size() >= std::max(1, level - 1))
                path.removeLast();
            path << name;
            continue;
        }
        if (line.trimmed().isEmpty()) {
            addParagraph(paragraph);
            paragraph.clear();
        } else {
            paragraph += (paragraph.isEmpty() ? QString() : QStringLiteral(" ")) + line.trimmed();
        }
    }
    addParagraph(paragraph);
    flush();
    return chunks;
}

} // namespace shopdesk
