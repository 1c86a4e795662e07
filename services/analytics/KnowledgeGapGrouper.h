#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace shopdesk {

// Groups the questions the bot could not answer by similar wording, with the retrieval index's
// own analysis (KnowledgeIndex::queryWords without stop words, then soundKey: "delivery
// charges?", "dilivery charge kitna" and "Delivery charges" share "dlvr" and "crj"). Two
// questions belong together when at least half of their distinct keys are shared (Jaccard
// >= 0.5) with the group's first question. Largest groups first.
class KnowledgeGapGrouper
{
public:
    struct Question
    {
        qint64 conversationId = 0;
        QString text;
    };
    struct Group
    {
        QString question; // the wording asked most often (the first of those on a tie)
        int count = 0;
        QStringList wordings;        // distinct, most frequent first
        QList<qint64> conversations; // distinct, in order of asking
    };
    static QList<Group> group(const QList<Question> &questions, int limit = 50);
    static QStringList keys(const QString &question);
};

} // namespace shopdesk
