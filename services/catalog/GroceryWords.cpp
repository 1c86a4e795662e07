#include "catalog/GroceryWords.h"

#include "knowledge/CsvTable.h"

#include <QFile>

namespace shopdesk {

const GroceryWords &GroceryWords::shipped()
{
    static const GroceryWords words = [] {
        QFile file(QStringLiteral(":/agent/grocery-words.csv"));
        return file.open(QIODevice::ReadOnly) ? parse(file.readAll()) : GroceryWords();
    }();
    return words;
}

GroceryWords GroceryWords::parse(const QByteArray &csv)
{
    GroceryWords g;
    auto rows = CsvTable::parse(csv);
    if (!rows)
        return g;
    for (qsizetype i = 1; i < rows->size(); ++i) {
        const QStringList &row = rows->at(i);
        if (row.size() < 2)
            continue;
        const QString key = row.at(0).trimmed().toLower();
        const QString meaning = row.at(1).trimmed().toLower();
        if (key.isEmpty() || meaning.isEmpty())
            continue;
        g.m_map[key] << meaning;
        const QStringList parts = key.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        if (parts.size() == 2)
            g.m_phraseStarts.insert(parts.first(), 1);
    }
    return g;
}

} // namespace shopdesk
