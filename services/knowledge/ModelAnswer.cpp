#include "knowledge/ModelAnswer.h"

#include <QJsonObject>
#include <QRegularExpression>

namespace shopdesk {

QJsonArray ModelAnswer::prompt(const QString &maskedQuestion, const QList<SearchHit> &hits)
{
    QString context;
    for (qsizetype i = 0; i < hits.size(); ++i)
        context += QStringLiteral("[%1] %2\n%3\n\n")
                       .arg(i + 1)
                       .arg(hits.at(i).chunk.heading, hits.at(i).chunk.text);
    const QString system =
        QStringLiteral(
            "You answer a shop's customers on WhatsApp. Use only the numbered passages below; "
            "never "
            "add facts that are not in them. Cite the passages you used as [1], [2] after the "
            "sentence. Answer in one to three short sentences, in the customer's language style "
            "(English or Hinglish). If the passages do not answer the question, reply exactly "
            "%1.\n\n"
            "Passages:\n%2")
            .arg(kDecline, context.trimmed());
    return QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("system")},
                                  {QStringLiteral("content"), system}},
                      QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                  {QStringLiteral("content"), maskedQuestion}}};
}

ModelAnswer::Checked ModelAnswer::check(const QString &reply, int passagesGiven)
{
    Checked c;
    const QString trimmed = reply.trimmed();
    if (trimmed.isEmpty()) {
        c.problem = QStringLiteral("the model sent an empty answer");
        return c;
    }
    if (trimmed.contains(kDecline)) {
        c.declined = true;
        c.problem = QStringLiteral("the model found no answer in the passages");
        return c;
    }
    static const QRegularExpression citation(QStringLiteral("\\[(\\d+)(?:\\s*,\\s*(\\d+))*\\]"));
    static const QRegularExpression number(QStringLiteral("\\d+"));
    auto it = citation.globalMatch(trimmed);
    while (it.hasNext()) {
        const auto m = it.next();
        auto numbers = number.globalMatch(m.captured(0));
        while (numbers.hasNext()) {
            const int n = numbers.next().captured(0).toInt();
            if (n < 1 || n > passagesGiven) {
                c.problem =
                    QStringLiteral("the model cited passage [%1], which it was not given").arg(n);
                return c;
            }
            if (!c.cited.contains(n))
                c.cited << n;
        }
    }
    if (c.cited.isEmpty()) {
        c.problem = QStringLiteral("the model's answer cites no passage");
        return c;
    }
    static const QRegularExpression spaceBefore(QStringLiteral("\\s+([.,!?])"));
    c.text =
        QString(trimmed).remove(citation).replace(spaceBefore, QStringLiteral("\\1")).simplified();
    c.accepted = true;
    return c;
}

} // namespace shopdesk
