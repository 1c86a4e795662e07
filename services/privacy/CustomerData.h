#pragma once

#include "core/Result.h"

#include <QJsonObject>
#include <QStringList>

namespace shopdesk {

class Store;

// Everything a store holds about one customer, for their right to see it: the contact, chats
// and messages, orders with their lines, the ledger, reminders, the bot's traces and the
// retrieval log of their chats, and the files they sent or were sent (by reference).
struct CustomerRecord
{
    qint64 contactId = 0;
    QJsonObject sections; // "customer", "conversations", "messages", "orders", ...
    QStringList mediaRefs;
};

// What an erasure removed and kept.
struct Erasure
{
    qint64 contactId = 0;
    int messages = 0;
    int conversations = 0;
    int traces = 0;
    int retrievalLines = 0;
    int ordersKept = 0;    // anonymized: the store's accounts keep them
    QStringList mediaRefs; // the files to delete from the data folder after the commit
};

// A customer's data, on the database thread: collected for an export, or erased. Only an
// owner may do either (Access, Permission::CustomerPrivacy); each writes an audit entry with
// no personal data in it. An erased customer keeps a contact row with no name or phone, so the
// orders and ledger the store's accounts need still add up; messages, media, traces, retrieval
// lines, reminders and the raw webhooks they came in are deleted.
class CustomerData
{
public:
    // The customer with this phone number (any format: +91 98…, 9198…).
    static Result<qint64> contactByPhone(Store &store, qint64 tenantId, const QString &phone);
    static Result<CustomerRecord> collect(Store &store, qint64 tenantId, qint64 actorId,
                                          qint64 contactId);
    static Result<Erasure> erase(Store &store, qint64 tenantId, qint64 actorId, qint64 contactId);
    // Writes the audit entry of an export that was written to `file` (its name only).
    static Status recordExport(Store &store, qint64 tenantId, qint64 actorId, qint64 contactId,
                               const QString &file);
};

} // namespace shopdesk
