#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

namespace shopdesk {

// What customers call groceries in Hindi and in chat, and the words a catalog uses for them
// (resources/agent/grocery-words.csv): "doodh" -> milk, "cheeni" -> sugar, "coke" -> coca-cola,
// "double roti" -> bread. Keys are one or two words.
class GroceryWords
{
public:
    static const GroceryWords &shipped();
    static GroceryWords parse(const QByteArray &csv);

    QStringList meanings(const QString &phrase) const { return m_map.value(phrase); }
    bool isPhraseStart(const QString &word) const { return m_phraseStarts.contains(word); }

private:
    QHash<QString, QStringList> m_map;
    QHash<QString, int> m_phraseStarts; // first words of two-word keys
};

} // namespace shopdesk
