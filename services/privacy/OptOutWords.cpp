#include "privacy/OptOutWords.h"

#include "knowledge/CsvTable.h"

#include <QFile>
#include <QHash>
#include <QRegularExpression>

namespace shopdesk {

namespace {

QString normalized(const QString &text)
{
    static const QRegularExpression punctuation(QStringLiteral("[^\\p{L}\\p{N}' ]+"));
    return text.toLower().replace(punctuation, QStringLiteral(" ")).simplified();
}

QHash<QString, OptOutWords::Meaning> load()
{
    QHash<QString, OptOutWords::Meaning> words;
    QFile f(QStringLiteral(":/agent/opt-out.csv"));
    if (!f.open(QIODevice::ReadOnly))
        return words;
    const auto table = CsvTable::parse(f.readAll());
    if (!table)
        return words;
    for (const QStringList &row : table.value()) {
        if (row.size() < 2 || row.at(0) == QLatin1String("phrase"))
            continue;
        words.insert(normalized(row.at(0)), row.at(1).trimmed() == QLatin1String("in")
                                                ? OptOutWords::Meaning::OptIn
                                                : OptOutWords::Meaning::OptOut);
    }
    return words;
}

} // namespace

OptOutWords::Meaning OptOutWords::of(const QString &message)
{
    if (message.size() > 40)
        return Meaning::None; // a long message is about something else
    static const QHash<QString, Meaning> words = load();
    return words.value(normalized(message), Meaning::None);
}

} // namespace shopdesk
