#pragma once

#include "agent/IntentExample.h"
#include "core/Result.h"
#include "domain/ExecutionTrace.h"
#include "domain/Reminder.h"

#include <QObject>

namespace shopdesk {

class SqlBackend;

// What the bot keeps: a store's own intent examples, each conversation's state between
// messages, the execution trace of every message it handled, and scheduled reminders.
class AgentStore : public QObject
{
    Q_OBJECT
public:
    explicit AgentStore(SqlBackend &db, QObject *parent = nullptr);

    Result<IntentExamples> intentExamples(qint64 tenantId);
    // Replaces the store's examples, all or nothing.
    Status setIntentExamples(qint64 tenantId, const IntentExamples &examples);
    // Changes whenever the examples do (count and newest id): a node retrains only then.
    Result<QString> intentExamplesRevision(qint64 tenantId);

    // The conversation's state as JSON; empty when the bot has not kept any yet.
    Result<QByteArray> conversationState(qint64 tenantId, qint64 conversationId);
    Status setConversationState(qint64 tenantId, qint64 conversationId, const QByteArray &state);

    Result<ExecutionTrace> addTrace(const ExecutionTrace &trace);
    Result<QList<ExecutionTrace>> traces(qint64 tenantId, qint64 conversationId, int limit = 50);

    Result<Reminder> addReminder(const Reminder &reminder);
    Result<QList<Reminder>> reminders(qint64 tenantId, int limit = 200);
    // Scheduled reminders due by `until`, across stores, oldest first.
    Result<QList<Reminder>> dueReminders(const QDateTime &until, int limit = 50);
    Status setReminderState(qint64 tenantId, qint64 reminderId, const QString &state,
                            const QString &error = {});
    // Takes a scheduled reminder for sending; false when another node already took it.
    Result<bool> claimReminder(qint64 tenantId, qint64 reminderId);
    // Cancels a reminder that is still scheduled; false when it was sent or taken meanwhile.
    Result<bool> cancelReminder(qint64 tenantId, qint64 reminderId);

Q_SIGNALS:
    void intentExamplesChanged(qint64 tenantId);
    void traceAdded(qint64 tenantId, qint64 conversationId);
    void remindersChanged(qint64 tenantId); // added, sent, failed or cancelled

private:
    SqlBackend &m_db;
};

} // namespace shopdesk
