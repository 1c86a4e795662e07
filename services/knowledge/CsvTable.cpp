#include "knowledge/CsvTable.h"

#include <QStringDecoder>

#include <csv.h>

namespace shopdesk {

namespace {

struct Collector
{
    QList<QStringList> rows;
    QStringList row;
    bool badText = false;
};

void onField(void *data, size_t size, void *context)
{
    auto *c = static_cast<Collector *>(context);
    QStringDecoder utf8(QStringDecoder::Utf8);
    c->row << QString(utf8(QByteArrayView(static_cast<const char *>(data), qsizetype(size))));
    c->badText = c->badText || utf8.hasError();
}

void onRow(int, void *context)
{
    auto *c = static_cast<Collector *>(context);
    c->rows << c->row;
    c->row.clear();
}

} // namespace

Result<QList<QStringList>> CsvTable::parse(const QByteArray &bytes)
{
    using R = Result<QList<QStringList>>;
    csv_parser parser{};
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        return R::failure(QStringLiteral("The CSV reader could not start."));
    Collector c;
    QByteArray data = bytes;
    if (data.startsWith("\xEF\xBB\xBF"))
        data.remove(0, 3);
    const size_t parsed =
        csv_parse(&parser, data.constData(), size_t(data.size()), onField, onRow, &c);
    const bool ok = parsed == size_t(data.size()) && csv_fini(&parser, onField, onRow, &c) == 0;
    csv_free(&parser);
    if (!ok)
        return R::failure(QStringLiteral("The CSV file is malformed near row %1 (a quote that is "
                                         "not closed?).")
                              .arg(c.rows.size() + 1));
    if (c.badText)
        return R::failure(QStringLiteral("The CSV file is not UTF-8 text. Save it as \"CSV UTF-8\" "
                                         "and import it again."));
    return c.rows;
}

QByteArray CsvTable::write(const QList<QStringList> &rows)
{
    QByteArray out;
    for (const QStringList &row : rows) {
        for (qsizetype i = 0; i < row.size(); ++i) {
            if (i > 0)
                out += ',';
            const QByteArray field = row.at(i).toUtf8();
            // csv_write quotes the field and doubles its quotes: at most 2 + 2n bytes.
            QByteArray quoted(field.size() * 2 + 2, Qt::Uninitialized);
            const size_t n = csv_write(quoted.data(), size_t(quoted.size()), field.constData(),
                                       size_t(field.size()));
            out += quoted.left(qsizetype(n));
        }
        out += "\r\n";
    }
    return out;
}

} // namespace shopdesk
