#pragma once

#include <QDateTime>
#include <QString>

namespace shopdesk {

// One retrieval as the bot (or the console's test panel) ran it: the question, what was found
// (hits: JSON [{chunk, heading, score, signals}]), the answer or the reason to hand over.
struct RetrievalLogEntry
{
    qint64 id = 0;
    qint64 tenantId = 0;
    QDateTime at;
    QString source = QStringLiteral("live"); // live | test
    qint64 conversationId = 0;
    QString question;
    QString query; // after transliteration and synonyms
    QString hits;
    QString answer;
    double confidence = 0;
    bool escalated = false;
    QString reason;
    QString answeredBy; // extractive | model
    double latencyMs = 0;
};

} // namespace shopdesk
