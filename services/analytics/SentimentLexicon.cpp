#include "analytics/SentimentLexicon.h"

#include "agent/MessageNormalizer.h"

#include <QFile>
#include <QXmlStreamReader>

#include <algorithm>

namespace shopdesk {

QStringList SentimentLexicon::standardPaths()
{
    QStringList paths;
    const QString env = qEnvironmentVariable("SHOPDESK_SENTIMENT_LEXICON");
    if (!env.isEmpty())
        paths << env;
    paths << QStringLiteral("/usr/lib/python3/dist-packages/pattern/text/en/en-sentiment.xml");
    return paths;
}

bool SentimentLexicon::load(const QString &path)
{
    m_polarity.clear();
    QStringList candidates = path.isEmpty() ? standardPaths() : QStringList{path};
    QFile file;
    for (const QString &p : candidates) {
        file.setFileName(p);
        if (file.open(QIODevice::ReadOnly))
            break;
    }
    if (!file.isOpen()) {
        m_error = QStringLiteral("The sentiment lexicon was not found (install python3-pattern).");
        return false;
    }
    QHash<QString, std::pair<double, int>> sums;
    QXmlStreamReader xml(&file);
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == QLatin1String("word")) {
            const auto a = xml.attributes();
            const QString form = a.value(QLatin1String("form")).toString().toLower();
            bool ok = false;
            const double polarity = a.value(QLatin1String("polarity")).toDouble(&ok);
            if (ok && !form.contains(QLatin1Char(' '))) {
                auto &s = sums[form];
                s.first += polarity;
                ++s.second;
            }
        }
        if (xml.hasError())
            break;
    }
    if (xml.hasError() || sums.isEmpty()) {
        m_error = QStringLiteral("The sentiment lexicon %1 could not be read: %2")
                      .arg(file.fileName(), xml.errorString());
        return false;
    }
    for (auto it = sums.cbegin(); it != sums.cend(); ++it)
        m_polarity.insert(it.key(), it->first / it->second);
    QFile modifiers(QStringLiteral(":/analytics/sentiment-modifiers.csv"));
    if (modifiers.open(QIODevice::ReadOnly)) {
        const QStringList lines = QString::fromUtf8(modifiers.readAll()).split(QLatin1Char('\n'));
        for (const QString &line : lines.mid(1)) {
            const QStringList f = line.trimmed().split(QLatin1Char(','));
            if (f.size() == 2)
                m_modifiers.insert(f[0], f[1]);
        }
    }
    const int english = int(m_polarity.size());
    const int hindi = loadHindiWords();
    m_source = QStringLiteral("Pattern en-sentiment.xml (PDDL), %1 words; %2 Hindi and Hinglish "
                              "words of our own")
                   .arg(english)
                   .arg(hindi);
    m_error.clear();
    return true;
}

int SentimentLexicon::loadHindiWords()
{
    QFile file(QStringLiteral(":/analytics/hinglish-sentiment.csv"));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    int added = 0;
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    for (const QString &line : lines.mid(1)) {
        const QStringList f = line.trimmed().split(QLatin1Char(','));
        bool ok = false;
        const double polarity = f.size() == 2 ? f[1].toDouble(&ok) : 0;
        if (ok && polarity >= -1 && polarity <= 1 && !f[0].isEmpty()) {
            m_polarity.insert(f[0], polarity);
            ++added;
        }
    }
    return added;
}

double SentimentLexicon::score(const QString &message) const
{
    const QStringList words = MessageNormalizer::words(message);
    QList<double> scores;
    int negateWithin = 0;  // words left in which an English negation applies
    int sinceScored = 100; // words since the last scored one (a Hindi negation follows it)
    double intensity = 1;
    for (const QString &w : words) {
        const QString effect = m_modifiers.value(w);
        if (effect == QLatin1String("negate")) {
            negateWithin = 3;
            continue;
        }
        if (effect == QLatin1String("negate_previous")) { // "accha nahi", "good nahi tha"
            if (sinceScored <= 2)
                scores.last() = -scores.last();
            sinceScored = 100;
            continue;
        }
        if (effect == QLatin1String("intensify")) {
            intensity = 1.3;
            continue;
        }
        ++sinceScored;
        const auto it = m_polarity.constFind(w);
        if (it != m_polarity.constEnd() && *it != 0) {
            double p = std::clamp(*it * intensity, -1.0, 1.0);
            if (negateWithin > 0)
                p = -p;
            scores << p;
            negateWithin = 0;
            sinceScored = 0;
        } else if (negateWithin > 0) {
            --negateWithin;
        }
        intensity = 1;
    }
    double sum = 0;
    for (double s : std::as_const(scores))
        sum += s;
    return scores.isEmpty() ? 0 : sum / double(scores.size());
}

SentimentLexicon::Polarity SentimentLexicon::classify(const QString &message) const
{
    const double s = score(message);
    return s > 0.1 ? Polarity::Positive : s < -0.1 ? Polarity::Negative : Polarity::Neutral;
}

} // namespace shopdesk
