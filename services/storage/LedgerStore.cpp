#include "storage/LedgerStore.h"

#include "storage/SqlSupport.h"

namespace shopdesk {

using namespace sql;

namespace {

const QString kColumns = QStringLiteral(
    "l.id, l.contact_id, l.kind, l.method, l.amount_minor, l.note, l.order_id, l.reverses_id, "
    "l.operator_id, l.created_at, r.id");
// Each entry with the entry that undid it, if any.
const QString kFrom = QStringLiteral(
    " FROM ledger_entries l LEFT JOIN ledger_entries r ON r.tenant_id = l.tenant_id AND "
    "r.reverses_id = l.id ");

LedgerEntry entryFrom(qint64 tenantId, const SqlRow &r)
{
    LedgerEntry e;
    e.id = r[0].toLongLong();
    e.tenantId = tenantId;
    e.contactId = r[1].toLongLong();
    e.kind = LedgerEntry::kindFrom(r[2].toString());
    e.method = LedgerEntry::methodFrom(r[3].toString());
    e.amountMinor = r[4].toLongLong();
    e.note = r[5].toString();
    e.orderId = r[6].toLongLong();
    e.reversesId = r[7].toLongLong();
    e.operatorId = r[8].toLongLong();
    e.createdAt = time(r[9]);
    e.reversedById = r[10].toLongLong();
    return e;
}

} // namespace

LedgerStore::LedgerStore(SqlBackend &db, QObject *parent)
    : QObject(parent)
    , m_db(db)
{}

void LedgerStore::announce(qint64 tenantId)
{
    m_db.afterCommit([=, this] { Q_EMIT customersChanged(tenantId); },
                     QStringLiteral("k:%1").arg(tenantId));
}

LedgerEntry LedgerStore::insert(qint64 tenantId, const LedgerEntry &entry)
{
    if (entry.amountMinor <= 0)
        throw Invalid(QStringLiteral("An amount must be more than zero."));
    if (entry.kind == LedgerEntry::Kind::Credit && entry.method != LedgerEntry::Method::None &&
        entry.reversesId == 0)
        throw Invalid(QStringLiteral("Only a payment is paid by cash, UPI or card."));
    const SqlRows contact =
        m_db.query(QStringLiteral("SELECT erased_at FROM contacts WHERE tenant_id = ? AND id = ?"),
                   {tenantId, entry.contactId});
    if (contact.isEmpty())
        throw NotFound(QStringLiteral("That customer is not one of this store's."));
    if (!contact.first()[0].isNull())
        throw Invalid(QStringLiteral("That customer's data was erased, so their account takes no "
                                     "new entries."));
    if (entry.orderId > 0 &&
        m_db.query(QStringLiteral("SELECT 1 FROM orders WHERE tenant_id = ? AND id = ? AND "
                                  "contact_id = ?"),
                   {tenantId, entry.orderId, entry.contactId})
            .isEmpty())
        throw NotFound(QStringLiteral("Order #%1 is not this customer's.").arg(entry.orderId));
    const qint64 created = entry.createdAt.isValid() ? entry.createdAt.toMSecsSinceEpoch() : now();
    const SqlRows rows = m_db.query(
        QStringLiteral("INSERT INTO ledger_entries (tenant_id, contact_id, kind, method, "
                       "amount_minor, note, order_id, reverses_id, operator_id, created_at) VALUES "
                       "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
        {tenantId, entry.contactId, LedgerEntry::kindName(entry.kind),
         LedgerEntry::methodName(entry.method), entry.amountMinor, entry.note.trimmed(),
         nullableId(entry.orderId), nullableId(entry.reversesId), nullableId(entry.operatorId),
         created});
    LedgerEntry stored = entry;
    stored.id = rows.first()[0].toLongLong();
    stored.tenantId = tenantId;
    stored.note = entry.note.trimmed();
    stored.createdAt = time(created);
    announce(tenantId);
    return stored;
}

Result<LedgerEntry> LedgerStore::record(qint64 tenantId, const LedgerEntry &entry)
{
    LedgerEntry e = entry;
    e.reversesId = 0;
    return guard([&] { return transaction(m_db, [&] { return insert(tenantId, e); }); });
}

Result<LedgerEntry> LedgerStore::reverse(qint64 tenantId, qint64 entryId, qint64 operatorId,
                                         const QString &note)
{
    return guard([&] {
        return transaction(m_db, [&] {
            const SqlRows rows =
                m_db.query(QStringLiteral("SELECT ") + kColumns + kFrom +
                               QStringLiteral("WHERE l.tenant_id = ? AND l.id = ?"),
                           {tenantId, entryId});
            if (rows.isEmpty())
                throw NotFound(
                    QStringLiteral("There is no entry #%1 in this store's ledger.").arg(entryId));
            const LedgerEntry original = entryFrom(tenantId, rows.first());
            if (original.reversesId > 0)
                throw Invalid(QStringLiteral("Entry #%1 is itself a correction; record a new "
                                             "entry instead of reversing it.")
                                  .arg(entryId));
            if (original.reversedById > 0)
                throw SqlError(QStringLiteral("Entry #%1 was already reversed by entry #%2.")
                                   .arg(entryId)
                                   .arg(original.reversedById),
                               ErrorKind::Conflict);
            LedgerEntry undo;
            undo.contactId = original.contactId;
            undo.kind = original.kind == LedgerEntry::Kind::Credit ? LedgerEntry::Kind::Payment
                                                                   : LedgerEntry::Kind::Credit;
            undo.method = original.method;
            undo.amountMinor = original.amountMinor;
            undo.orderId = original.orderId;
            undo.reversesId = original.id;
            undo.operatorId = operatorId;
            undo.note =
                note.trimmed().isEmpty()
                    ? QStringLiteral("Reverses entry #%1").arg(original.id)
                    : QStringLiteral("Reverses entry #%1: %2").arg(original.id).arg(note.trimmed());
            return insert(tenantId, undo);
        });
    });
}

Result<QList<LedgerEntry>> LedgerStore::entries(qint64 tenantId, qint64 contactId)
{
    return guard([&] {
        QList<LedgerEntry> list;
        const SqlRows rows =
            m_db.query(QStringLiteral("SELECT ") + kColumns + kFrom +
                           QStringLiteral("WHERE l.tenant_id = ? AND l.contact_id = ? ORDER BY "
                                          "l.created_at, l.id"),
                       {tenantId, contactId});
        qint64 running = 0;
        for (const SqlRow &r : rows) {
            LedgerEntry e = entryFrom(tenantId, r);
            running += e.signedMinor();
            e.balanceAfterMinor = running;
            list.append(e);
        }
        return list;
    });
}

Result<LedgerEntry> LedgerStore::entry(qint64 tenantId, qint64 entryId)
{
    return guard([&] {
        const SqlRows rows = m_db.query(QStringLiteral("SELECT ") + kColumns + kFrom +
                                            QStringLiteral("WHERE l.tenant_id = ? AND l.id = ?"),
                                        {tenantId, entryId});
        if (rows.isEmpty())
            throw NotFound(
                QStringLiteral("There is no entry #%1 in this store's ledger.").arg(entryId));
        return entryFrom(tenantId, rows.first());
    });
}

Result<qint64> LedgerStore::balance(qint64 tenantId, qint64 contactId)
{
    return guard([&] {
        const SqlRows rows = m_db.query(
            QStringLiteral("SELECT COALESCE(SUM(CASE WHEN kind = 'credit' THEN amount_minor "
                           "ELSE -amount_minor END), 0) FROM ledger_entries WHERE tenant_id = ? "
                           "AND contact_id = ?"),
            {tenantId, contactId});
        return rows.first()[0].toLongLong();
    });
}

Result<qint64> LedgerStore::orderOnCredit(qint64 tenantId, qint64 orderId)
{
    return guard([&] {
        // The order's credit entries that were not undone.
        const SqlRows rows = m_db.query(
            QStringLiteral("SELECT COALESCE(SUM(l.amount_minor), 0) FROM ledger_entries l WHERE "
                           "l.tenant_id = ? AND l.order_id = ? AND l.kind = 'credit' AND "
                           "l.reverses_id IS NULL AND NOT EXISTS (SELECT 1 FROM ledger_entries r "
                           "WHERE r.tenant_id = l.tenant_id AND r.reverses_id = l.id)"),
            {tenantId, orderId});
        return rows.first()[0].toLongLong();
    });
}

} // namespace shopdesk
