#include "storage/AgentStore.h"

#include "storage/SqlSupport.h"

namespace shopdesk {

using namespace sql;

namespace {

Reminder reminderFrom(const SqlRow &r)
{
    Reminder m;
    m.id = r[0].toLongLong();
    m.tenantId = r[1].toLongLong();
    m.contactId = r[2].toLongLong();
    m.conversationId = r[3].toLongLong();
    m.kind = r[4].toString();
    m.dueAt = time(r[5]);
    m.body = r[6].toString();
    m.amountMinor = r[7].toLongLong();
    m.state = r[8].toString();
    m.sentAt = time(r[9]);
    m.createdAt = time(r[10]);
    m.error = r[11].toString();
    m.customerName = r[12].toString();
    return m;
}

const char *const kReminderColumns =
    "SELECT id, tenant_id, contact_id, conversation_id, kind, due_at, body, amount_minor, state, "
    "sent_at, created_at, error, (SELECT c.name FROM contacts c WHERE c.tenant_id = "
    "reminders.tenant_id AND c.id = reminders.contact_id) FROM reminders ";

} // namespace

AgentStore::AgentStore(SqlBackend &db, QObject *parent)
    : QObject(parent)
    , m_db(db)
{}

Result<IntentExamples> AgentStore::intentExamples(qint64 tenantId)
{
    return guard([&] {
        IntentExamples list;
        const SqlRows rows = m_db.query(
            QStringLiteral(
                "SELECT text, label FROM intent_examples WHERE tenant_id = ? ORDER BY id"),
            {tenantId});
        for (const SqlRow &r : rows)
            list.append({r[0].toString(), r[1].toString()});
        return list;
    });
}

Status AgentStore::setIntentExamples(qint64 tenantId, const IntentExamples &examples)
{
    auto done = guard([&] {
        transaction(m_db, [&] {
            m_db.exec(QStringLiteral("DELETE FROM intent_examples WHERE tenant_id = ?"),
                      {tenantId});
            const qint64 at = now();
            for (const IntentExample &e : examples) {
                m_db.exec(QStringLiteral("INSERT INTO intent_examples (tenant_id, text, label, "
                                         "created_at) VALUES (?, ?, ?, ?)"),
                          {tenantId, e.text.trimmed(), e.label.trimmed(), at});
            }
        });
        return Done{};
    });
    if (done)
        m_db.afterCommit([=, this] { Q_EMIT intentExamplesChanged(tenantId); },
                         QStringLiteral("i:%1").arg(tenantId));
    return done;
}

Result<QString> AgentStore::intentExamplesRevision(qint64 tenantId)
{
    return guard([&] {
        const SqlRows rows = m_db.query(QStringLiteral("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM "
                                                       "intent_examples WHERE tenant_id = ?"),
                                        {tenantId});
        return rows.isEmpty() ? QString()
                              : rows[0][0].toString() + QLatin1Char(':') + rows[0][1].toString();
    });
}

Result<QByteArray> AgentStore::conversationState(qint64 tenantId, qint64 conversationId)
{
    return guard([&] {
        const SqlRows rows = m_db.query(QStringLiteral("SELECT state FROM conversation_state WHERE "
                                                       "tenant_id = ? AND conversation_id = ?"),
                                        {tenantId, conversationId});
        return rows.isEmpty() ? QByteArray() : rows[0][0].toString().toUtf8();
    });
}

Status AgentStore::setConversationState(qint64 tenantId, qint64 conversationId,
                                        const QByteArray &state)
{
    return guard([&] {
        m_db.exec(QStringLiteral("INSERT INTO conversation_state (tenant_id, conversation_id, "
                                 "state, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (tenant_id, "
                                 "conversation_id) DO UPDATE SET state = excluded.state, "
                                 "updated_at = excluded.updated_at"),
                  {tenantId, conversationId, QString::fromUtf8(state), now()});
        return Done{};
    });
}

Result<ExecutionTrace> AgentStore::addTrace(const ExecutionTrace &trace)
{
    auto added = guard([&] {
        ExecutionTrace t = trace;
        t.createdAt = QDateTime::fromMSecsSinceEpoch(now(), Qt::UTC);
        const SqlRows rows = m_db.query(
            QStringLiteral("INSERT INTO execution_traces (tenant_id, conversation_id, message_id, "
                           "trace, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id"),
            {t.tenantId, t.conversationId, nullableId(t.messageId), QString::fromUtf8(t.json),
             ms(t.createdAt)});
        t.id = rows.value(0).value(0).toLongLong();
        return t;
    });
    if (added)
        m_db.afterCommit([=, this] { Q_EMIT traceAdded(trace.tenantId, trace.conversationId); },
                         QStringLiteral("x:%1:%2").arg(trace.tenantId).arg(trace.conversationId));
    return added;
}

Result<QList<ExecutionTrace>> AgentStore::traces(qint64 tenantId, qint64 conversationId, int limit)
{
    return guard([&] {
        QList<ExecutionTrace> list;
        const SqlRows rows = m_db.query(
            QStringLiteral("SELECT id, message_id, trace, created_at FROM execution_traces WHERE "
                           "tenant_id = ? AND conversation_id = ? ORDER BY id DESC LIMIT ?"),
            {tenantId, conversationId, limit});
        for (const SqlRow &r : rows) {
            ExecutionTrace t;
            t.id = r[0].toLongLong();
            t.tenantId = tenantId;
            t.conversationId = conversationId;
            t.messageId = r[1].toLongLong();
            t.json = r[2].toString().toUtf8();
            t.createdAt = time(r[3]);
            list.append(t);
        }
        return list;
    });
}

Result<Reminder> AgentStore::addReminder(const Reminder &reminder)
{
    return guard([&] {
        Reminder m = reminder;
        m.createdAt = QDateTime::fromMSecsSinceEpoch(now(), Qt::UTC);
        const SqlRows rows = m_db.query(
            QStringLiteral("INSERT INTO reminders (tenant_id, contact_id, conversation_id, kind, "
                           "due_at, body, amount_minor, state, created_at) VALUES (?, ?, ?, ?, ?, "
                           "?, ?, ?, ?) RETURNING id"),
            {m.tenantId, m.contactId, nullableId(m.conversationId), m.kind, ms(m.dueAt), m.body,
             m.amountMinor, m.state, ms(m.createdAt)});
        m.id = rows.value(0).value(0).toLongLong();
        m_db.afterCommit([=, this] { Q_EMIT remindersChanged(m.tenantId); },
                         QStringLiteral("r:%1").arg(m.tenantId));
        return m;
    });
}

Result<QList<Reminder>> AgentStore::reminders(qint64 tenantId, int limit)
{
    return guard([&] {
        QList<Reminder> list;
        for (const SqlRow &r :
             m_db.query(QString::fromLatin1(kReminderColumns) +
                            QStringLiteral("WHERE tenant_id = ? ORDER BY due_at DESC LIMIT ?"),
                        {tenantId, limit}))
            list.append(reminderFrom(r));
        return list;
    });
}

Result<QList<Reminder>> AgentStore::dueReminders(const QDateTime &until, int limit)
{
    return guard([&] {
        QList<Reminder> list;
        for (const SqlRow &r : m_db.query(
                 QString::fromLatin1(kReminderColumns) +
                     QStringLiteral("WHERE state = 'scheduled' AND due_at <= ? ORDER BY due_at, "
                                    "id LIMIT ?"),
                 {ms(until), limit}))
            list.append(reminderFrom(r));
        return list;
    });
}

Status AgentStore::setReminderState(qint64 tenantId, qint64 reminderId, const QString &state,
                                    const QString &error)
{
    return guard([&] {
        m_db.exec(
            QStringLiteral("UPDATE reminders SET state = ?, error = ?, sent_at = CASE WHEN "
                           "? = 'sent' THEN ? ELSE sent_at END WHERE tenant_id = ? AND id = ?"),
            {state, error, state, now(), tenantId, reminderId});
        m_db.afterCommit([=, this] { Q_EMIT remindersChanged(tenantId); },
                         QStringLiteral("r:%1").arg(tenantId));
        return Done{};
    });
}

Result<bool> AgentStore::cancelReminder(qint64 tenantId, qint64 reminderId)
{
    return guard([&] {
        const bool cancelled =
            !m_db.query(QStringLiteral("UPDATE reminders SET state = 'cancelled' WHERE "
                                       "tenant_id = ? AND id = ? AND state = 'scheduled' "
                                       "RETURNING id"),
                        {tenantId, reminderId})
                 .isEmpty();
        if (cancelled)
            m_db.afterCommit([=, this] { Q_EMIT remindersChanged(tenantId); },
                             QStringLiteral("r:%1").arg(tenantId));
        return cancelled;
    });
}

Result<bool> AgentStore::claimReminder(qint64 tenantId, qint64 reminderId)
{
    return guard([&] {
        return !m_db.query(
                        QStringLiteral("UPDATE reminders SET state = 'sending' WHERE tenant_id = "
                                       "? AND id = ? AND state = 'scheduled' RETURNING id"),
                        {tenantId, reminderId})
                    .isEmpty();
    });
}

} // namespace shopdesk
