#include "agent/BillRequest.h"

#include "knowledge/CsvTable.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>

namespace shopdesk {

namespace {

struct Words
{
    QSet<QString> things;
    QSet<QString> asks;
};

Words load()
{
    Words w;
    QFile f(QStringLiteral(":/agent/bill-request.csv"));
    if (!f.open(QIODevice::ReadOnly))
        return w;
    const auto table = CsvTable::parse(f.readAll());
    if (!table)
        return w;
    for (const QStringList &row : table.value()) {
        if (row.size() < 2 || row.at(0) == QLatin1String("word"))
            continue;
        (row.at(1).trimmed() == QLatin1String("thing") ? w.things : w.asks)
            << row.at(0).trimmed().toLower();
    }
    return w;
}

} // namespace

bool BillRequest::matches(const QString &message)
{
    if (message.size() > 60)
        return false;
    static const Words words = load();
    static const QRegularExpression split(QStringLiteral("[^\\p{L}\\p{N}]+"));
    bool thing = false;
    bool ask = false;
    for (const QString &token : message.toLower().split(split, Qt::SkipEmptyParts)) {
        thing = thing || words.things.contains(token);
        ask = ask || words.asks.contains(token);
    }
    return thing && ask;
}

} // namespace shopdesk
