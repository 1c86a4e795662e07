#pragma once

#include "knowledge/KnowledgeIndex.h"

#include <QHash>

namespace shopdesk {

// The bot's answer without a language model: the sentences of the best passage that match the
// question, with their source, and a confidence in [0, 1] from the retrieval evidence. Below
// the store's threshold the decision is to hand the chat to a person, with the reason.
struct GroundedAnswer
{
    QString text;   // what the bot would send ("" when it escalates)
    QString source; // the passage's heading
    qint64 chunkId = 0;
    double confidence = 0;
    bool escalate = true;
    QString reason; // why it answers, or why it hands over

    static constexpr double kDefaultThreshold = 0.6;
    // synonyms: the store's groups (word -> its other words); a question word counts as covered
    // when the passage has the word or one of its synonyms.
    static GroundedAnswer from(const QString &question, const QList<SearchHit> &hits,
                               double threshold = kDefaultThreshold,
                               const QHash<QString, QStringList> &synonyms = {});
};

} // namespace shopdesk
