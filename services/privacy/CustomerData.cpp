#include "privacy/CustomerData.h"

#include "access/Access.h"
#include "access/OperatorAccounts.h"
#include "messaging/PhoneAddress.h"
#include "storage/SqlSupport.h"
#include "storage/Store.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace shopdesk {

using sql::need;

namespace {

// The customer's chats, as a subquery on (tenant, contact).
const QString kChats =
    QStringLiteral("(SELECT id FROM conversations WHERE tenant_id = ? AND contact_id = ?)");

// Rows as JSON objects with the given names; JSON text columns (traces, hits) kept as JSON.
QJsonArray rowsAsJson(SqlBackend &db, const QString &sql, const SqlParams &params,
                      const QStringList &names, const QStringList &jsonColumns = {})
{
    QJsonArray out;
    for (const SqlRow &r : db.query(sql, params)) {
        QJsonObject o;
        for (int i = 0; i < names.size() && i < r.size(); ++i) {
            const QString &name = names.at(i);
            if (jsonColumns.contains(name))
                o.insert(name, QJsonDocument::fromJson(r[i].toString().toUtf8()).object());
            else if (name.endsWith(QLatin1String("_at")) && !r[i].isNull())
                o.insert(name, sql::time(r[i]).toString(Qt::ISODateWithMs));
            else
                o.insert(name, QJsonValue::fromVariant(r[i]));
        }
        out.append(o);
    }
    return out;
}

int count(SqlBackend &db, const QString &sql, const SqlParams &params)
{
    return db.query(sql, params).first()[0].toInt();
}

// An owner, or the command line on the database's own computer.
void requirePrivacy(Store &store, qint64 tenantId, qint64 actorId)
{
    if (actorId != OperatorAccounts::kCommandLine)
        need(Access::require(store, tenantId, actorId, Permission::CustomerPrivacy));
}

qint64 audited(qint64 actorId)
{
    return actorId == OperatorAccounts::kCommandLine ? 0 : actorId;
}

void requireLiveContact(Store &store, qint64 tenantId, qint64 contactId)
{
    const SqlRows rows = store.backend().query(
        QStringLiteral("SELECT erased_at FROM contacts WHERE tenant_id = ? AND id = ?"),
        {tenantId, contactId});
    if (rows.isEmpty())
        throw sql::NotFound(QStringLiteral("There is no such customer in this store."));
    if (!rows.first()[0].isNull())
        throw sql::Invalid(QStringLiteral("This customer's data was already erased."));
}

} // namespace

Result<qint64> CustomerData::contactByPhone(Store &store, qint64 tenantId, const QString &phone)
{
    const QString digits = PhoneAddress::digits(phone);
    return sql::guard([&] {
        const SqlRows rows = store.backend().query(
            QStringLiteral("SELECT id FROM contacts WHERE tenant_id = ? AND phone = ?"),
            {tenantId, digits});
        if (rows.isEmpty())
            throw sql::NotFound(
                QStringLiteral("No customer with the number %1 has written to this store.")
                    .arg(phone));
        return rows.first()[0].toLongLong();
    });
}

Result<CustomerRecord> CustomerData::collect(Store &store, qint64 tenantId, qint64 actorId,
                                             qint64 contactId)
{
    return sql::guard([&] {
        requirePrivacy(store, tenantId, actorId);
        requireLiveContact(store, tenantId, contactId);
        SqlBackend &db = store.backend();
        const SqlParams mine{tenantId, tenantId, contactId};
        CustomerRecord record;
        record.contactId = contactId;
        QJsonObject &s = record.sections;
        s.insert(QStringLiteral("customer"),
                 rowsAsJson(db,
                            QStringLiteral("SELECT id, phone, name, created_at, opted_out_at FROM "
                                           "contacts WHERE tenant_id = ? AND id = ?"),
                            {tenantId, contactId},
                            {QStringLiteral("id"), QStringLiteral("phone"), QStringLiteral("name"),
                             QStringLiteral("created_at"), QStringLiteral("opted_out_at")})
                     .first());
        s.insert(QStringLiteral("conversations"),
                 rowsAsJson(db,
                            QStringLiteral("SELECT id, channel_id, owner_kind, labels, created_at, "
                                           "last_message_at FROM conversations WHERE tenant_id = ? "
                                           "AND contact_id = ? ORDER BY id"),
                            {tenantId, contactId},
                            {QStringLiteral("id"), QStringLiteral("channel_id"),
                             QStringLiteral("owner"), QStringLiteral("labels"),
                             QStringLiteral("created_at"), QStringLiteral("last_message_at")}));
        s.insert(
            QStringLiteral("messages"),
            rowsAsJson(db,
                       QStringLiteral("SELECT id, conversation_id, direction, author, type, body, "
                                      "media_ref, status, created_at FROM messages WHERE "
                                      "tenant_id = ? AND conversation_id IN ") +
                           kChats + QStringLiteral(" AND type <> 'note' ORDER BY id"),
                       mine,
                       {QStringLiteral("id"), QStringLiteral("conversation_id"),
                        QStringLiteral("direction"), QStringLiteral("author"),
                        QStringLiteral("type"), QStringLiteral("body"), QStringLiteral("media"),
                        QStringLiteral("status"), QStringLiteral("created_at")}));
        s.insert(QStringLiteral("orders"),
                 rowsAsJson(db,
                            QStringLiteral("SELECT id, status, total_minor, created_at, updated_at "
                                           "FROM orders WHERE tenant_id = ? AND contact_id = ? "
                                           "ORDER BY id"),
                            {tenantId, contactId},
                            {QStringLiteral("id"), QStringLiteral("status"),
                             QStringLiteral("total_minor"), QStringLiteral("created_at"),
                             QStringLiteral("updated_at")}));
        s.insert(
            QStringLiteral("order_lines"),
            rowsAsJson(db,
                       QStringLiteral("SELECT l.order_id, p.name, l.quantity, l.unit, "
                                      "l.unit_price_minor, l.line_total_minor FROM order_lines "
                                      "l JOIN orders o ON o.tenant_id = l.tenant_id AND o.id = "
                                      "l.order_id LEFT JOIN products p ON p.tenant_id = "
                                      "l.tenant_id AND p.id = l.product_id WHERE l.tenant_id = "
                                      "? AND o.contact_id = ? ORDER BY l.id"),
                       {tenantId, contactId},
                       {QStringLiteral("order_id"), QStringLiteral("product"),
                        QStringLiteral("quantity"), QStringLiteral("unit"),
                        QStringLiteral("unit_price_minor"), QStringLiteral("line_total_minor")}));
        s.insert(QStringLiteral("ledger"),
                 rowsAsJson(db,
                            QStringLiteral("SELECT id, kind, amount_minor, note, order_id, "
                                           "created_at FROM ledger_entries WHERE tenant_id = ? "
                                           "AND contact_id = ? ORDER BY id"),
                            {tenantId, contactId},
                            {QStringLiteral("id"), QStringLiteral("kind"),
                             QStringLiteral("amount_minor"), QStringLiteral("note"),
                             QStringLiteral("order_id"), QStringLiteral("created_at")}));
        s.insert(QStringLiteral("reminders"),
                 rowsAsJson(db,
                            QStringLiteral("SELECT id, kind, due_at, body, state, amount_minor, "
                                           "created_at FROM reminders WHERE tenant_id = ? AND "
                                           "contact_id = ? ORDER BY id"),
                            {tenantId, contactId},
                            {QStringLiteral("id"), QStringLiteral("kind"), QStringLiteral("due_at"),
                             QStringLiteral("body"), QStringLiteral("state"),
                             QStringLiteral("amount_minor"), QStringLiteral("created_at")}));
        s.insert(QStringLiteral("traces"),
                 rowsAsJson(db,
                            QStringLiteral("SELECT id, conversation_id, message_id, trace, "
                                           "created_at FROM execution_traces WHERE tenant_id = ? "
                                           "AND conversation_id IN ") +
                                kChats + QStringLiteral(" ORDER BY id"),
                            mine,
                            {QStringLiteral("id"), QStringLiteral("conversation_id"),
                             QStringLiteral("message_id"), QStringLiteral("trace"),
                             QStringLiteral("created_at")},
                            {QStringLiteral("trace")}));
        s.insert(QStringLiteral("retrieval_log"),
                 rowsAsJson(db,
                            QStringLiteral("SELECT id, at, conversation_id, question, answer, "
                                           "confidence, escalated FROM retrieval_log WHERE "
                                           "tenant_id = ? AND conversation_id IN ") +
                                kChats + QStringLiteral(" ORDER BY id"),
                            mine,
                            {QStringLiteral("id"), QStringLiteral("asked_at"),
                             QStringLiteral("conversation_id"), QStringLiteral("question"),
                             QStringLiteral("answer"), QStringLiteral("confidence"),
                             QStringLiteral("escalated")}));
        for (const SqlRow &r : db.query(QStringLiteral("SELECT DISTINCT media_ref FROM messages "
                                                       "WHERE tenant_id = ? AND conversation_id "
                                                       "IN ") +
                                            kChats +
                                            QStringLiteral(" AND media_ref IS NOT NULL AND "
                                                           "media_ref <> ''"),
                                        mine))
            record.mediaRefs << r[0].toString();
        return record;
    });
}

Result<Erasure> CustomerData::erase(Store &store, qint64 tenantId, qint64 actorId, qint64 contactId)
{
    return sql::guard([&] {
        return sql::transaction(store.backend(), [&] {
            requirePrivacy(store, tenantId, actorId);
            requireLiveContact(store, tenantId, contactId);
            SqlBackend &db = store.backend();
            const SqlParams mine{tenantId, tenantId, contactId};
            Erasure e;
            e.contactId = contactId;
            for (const SqlRow &r : db.query(QStringLiteral("SELECT DISTINCT media_ref FROM "
                                                           "messages WHERE tenant_id = ? AND "
                                                           "conversation_id IN ") +
                                                kChats +
                                                QStringLiteral(" AND media_ref IS NOT NULL AND "
                                                               "media_ref <> ''"),
                                            mine))
                e.mediaRefs << r[0].toString();
            // The raw webhooks their messages came in (in the inbox, which on SQLite is a file
            // of its own), any that name them by their number, and the files kept in the
            // database.
            QStringList providerIds;
            for (const SqlRow &r : db.query(QStringLiteral("SELECT provider_message_id FROM "
                                                           "messages WHERE tenant_id = ? AND "
                                                           "direction = 'in' AND "
                                                           "provider_message_id IS NOT NULL AND "
                                                           "conversation_id IN ") +
                                                kChats,
                                            mine))
                providerIds << r[0].toString();
            const QString phone = db.query(QStringLiteral("SELECT phone FROM contacts WHERE "
                                                          "tenant_id = ? AND id = ?"),
                                           {tenantId, contactId})
                                      .first()[0]
                                      .toString();
            sql::need(store.inbox().eraseCustomer(tenantId, providerIds, phone));
            db.exec(QStringLiteral("DELETE FROM media_blobs WHERE tenant_id = ? AND path IN "
                                   "(SELECT media_ref FROM messages WHERE tenant_id = ? AND "
                                   "conversation_id IN ") +
                        kChats + QLatin1Char(')'),
                    {tenantId, tenantId, tenantId, contactId});
            e.traces = count(db,
                             QStringLiteral("SELECT COUNT(*) FROM execution_traces WHERE "
                                            "tenant_id = ? AND conversation_id IN ") +
                                 kChats,
                             mine);
            e.retrievalLines = count(db,
                                     QStringLiteral("SELECT COUNT(*) FROM retrieval_log WHERE "
                                                    "tenant_id = ? AND conversation_id IN ") +
                                         kChats,
                                     mine);
            e.messages = count(db,
                               QStringLiteral("SELECT COUNT(*) FROM messages WHERE tenant_id = ? "
                                              "AND conversation_id IN ") +
                                   kChats,
                               mine);
            for (const QString &table :
                 {QStringLiteral("execution_traces"), QStringLiteral("retrieval_log"),
                  QStringLiteral("conversation_events"), QStringLiteral("conversation_state"),
                  QStringLiteral("chat_activity"), QStringLiteral("messages")})
                db.exec(QStringLiteral("DELETE FROM ") + table +
                            QStringLiteral(" WHERE tenant_id = ? AND conversation_id IN ") + kChats,
                        mine);
            db.exec(QStringLiteral("DELETE FROM reminders WHERE tenant_id = ? AND contact_id = ?"),
                    {tenantId, contactId});
            // The store's accounts keep the orders and the ledger, with nothing personal left.
            e.ordersKept = count(db,
                                 QStringLiteral("SELECT COUNT(*) FROM orders WHERE tenant_id = ? "
                                                "AND contact_id = ?"),
                                 {tenantId, contactId});
            db.exec(QStringLiteral("UPDATE orders SET conversation_id = NULL WHERE tenant_id = ? "
                                   "AND contact_id = ?"),
                    {tenantId, contactId});
            db.exec(QStringLiteral("UPDATE ledger_entries SET note = '' WHERE tenant_id = ? AND "
                                   "contact_id = ?"),
                    {tenantId, contactId});
            e.conversations = count(db,
                                    QStringLiteral("SELECT COUNT(*) FROM conversations WHERE "
                                                   "tenant_id = ? AND contact_id = ?"),
                                    {tenantId, contactId});
            db.exec(
                QStringLiteral("DELETE FROM conversations WHERE tenant_id = ? AND contact_id = ?"),
                {tenantId, contactId});
            const qint64 at = sql::now();
            db.exec(QStringLiteral("UPDATE contacts SET phone = ?, name = '', erased_at = ?, "
                                   "opted_out_at = COALESCE(opted_out_at, ?) WHERE tenant_id = ? "
                                   "AND id = ?"),
                    {QStringLiteral("erased-%1").arg(contactId), at, at, tenantId, contactId});
            need(store.audit().record(tenantId, audited(actorId), QStringLiteral("customer.erase"),
                                      QJsonObject{{QStringLiteral("customer"), contactId},
                                                  {QStringLiteral("messages"), e.messages},
                                                  {QStringLiteral("chats"), e.conversations},
                                                  {QStringLiteral("orders_kept"), e.ordersKept}}));
            db.afterCommit([] {}, QStringLiteral("*:%1").arg(tenantId)); // other nodes read again
            return e;
        });
    });
}

Status CustomerData::recordExport(Store &store, qint64 tenantId, qint64 actorId, qint64 contactId,
                                  const QString &file)
{
    return store.audit().record(
        tenantId, audited(actorId), QStringLiteral("customer.export"),
        QJsonObject{{QStringLiteral("customer"), contactId}, {QStringLiteral("file"), file}});
}

} // namespace shopdesk
