#pragma once

#include "knowledge/KnowledgeIndex.h"

#include <QJsonArray>

namespace shopdesk {

// An answer written by a language model from the retrieved passages only. The prompt numbers
// the passages [1]..[n] and asks for citations; check() accepts a reply only if it cites at
// least one passage, cites none that was not given, and did not decline. Anything else is not
// sent: the bot falls back to the extractive answer.
class ModelAnswer
{
public:
    static inline const QString kDecline = QStringLiteral("NOT_IN_CONTEXT");

    static QJsonArray prompt(const QString &maskedQuestion, const QList<SearchHit> &hits);

    struct Checked
    {
        bool accepted = false;
        bool declined = false; // the model said the passages do not answer it
        QString text;          // without the citation marks
        QList<int> cited;      // 1-based passage numbers
        QString problem;       // why it was not accepted
    };
    static Checked check(const QString &reply, int passagesGiven);
};

} // namespace shopdesk
