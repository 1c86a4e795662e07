#include "storage/CustomerStore.h"

#include "storage/SqlSupport.h"

#include <QUuid>

namespace shopdesk {

using namespace sql;

namespace {

const QString kWalkInPrefix = QStringLiteral("walk-in-");

// Each customer with their balance, last order and newest chat (one row per customer).
const QString kSelect = QStringLiteral(
    "SELECT c.id, c.phone, c.walk_in, c.name, c.nickname, c.landmark, c.notes, c.labels, "
    "c.created_at, c.opted_out_at, "
    "COALESCE((SELECT SUM(CASE WHEN l.kind = 'credit' THEN l.amount_minor ELSE -l.amount_minor "
    "END) FROM ledger_entries l WHERE l.tenant_id = c.tenant_id AND l.contact_id = c.id), 0), "
    "(SELECT o.id FROM orders o WHERE o.tenant_id = c.tenant_id AND o.contact_id = c.id AND "
    "o.status <> 'cancelled' ORDER BY o.created_at DESC, o.id DESC LIMIT 1), "
    "(SELECT MAX(v.id) FROM conversations v WHERE v.tenant_id = c.tenant_id AND v.contact_id = "
    "c.id) FROM contacts c WHERE c.tenant_id = ? AND c.erased_at IS NULL ");

QString joinedLabels(const QStringList &labels)
{
    QStringList clean;
    for (const QString &l : labels) {
        const QString t = l.trimmed();
        if (!t.isEmpty() && !clean.contains(t, Qt::CaseInsensitive))
            clean << t;
    }
    return clean.join(QLatin1Char('|'));
}

QString likePattern(const QString &word)
{
    QString escaped = word.toLower();
    escaped.replace(QLatin1Char('!'), QStringLiteral("!!"));
    escaped.replace(QLatin1Char('%'), QStringLiteral("!%"));
    escaped.replace(QLatin1Char('_'), QStringLiteral("!_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

void checkProfile(const CustomerProfile &p, bool walkIn)
{
    if (walkIn && p.name.trimmed().isEmpty() && p.nickname.trimmed().isEmpty())
        throw Invalid(QStringLiteral("A walk-in customer needs a name or a nickname, so the shop "
                                     "can find them again."));
    if (p.name.size() > 200 || p.nickname.size() > 200 || p.landmark.size() > 500 ||
        p.notes.size() > 4000)
        throw Invalid(QStringLiteral("That is too long for a customer's details (names up to 200 "
                                     "characters, notes up to 4,000)."));
}

} // namespace

CustomerStore::CustomerStore(SqlBackend &db, QObject *parent)
    : QObject(parent)
    , m_db(db)
{}

void CustomerStore::announce(qint64 tenantId)
{
    m_db.afterCommit([=, this] { Q_EMIT customersChanged(tenantId); },
                     QStringLiteral("k:%1").arg(tenantId));
}

QList<Customer> CustomerStore::select(qint64 tenantId, const QString &where,
                                      const QVariantList &params, int limit)
{
    QVariantList all{tenantId};
    all += params;
    all << qBound(1, limit, 5000);
    const SqlRows rows = m_db.query(kSelect + where +
                                        QStringLiteral(" ORDER BY lower(CASE WHEN c.name = '' THEN "
                                                       "c.nickname ELSE c.name END), c.id LIMIT ?"),
                                    all);
    QList<Customer> list;
    QList<qint64> orderIds;
    for (const SqlRow &r : rows) {
        Customer c;
        c.contactId = r[0].toLongLong();
        c.tenantId = tenantId;
        c.walkIn = r[2].toLongLong() != 0;
        c.phone = c.walkIn ? QString() : r[1].toString();
        c.profile.name = r[3].toString();
        c.profile.nickname = r[4].toString();
        c.profile.landmark = r[5].toString();
        c.profile.notes = r[6].toString();
        c.profile.labels = r[7].toString().split(QLatin1Char('|'), Qt::SkipEmptyParts);
        c.createdAt = time(r[8]);
        c.optedOut = !r[9].isNull();
        c.balanceMinor = r[10].toLongLong();
        c.lastOrderId = r[11].toLongLong();
        c.conversationId = r[12].toLongLong();
        if (c.lastOrderId > 0)
            orderIds << c.lastOrderId;
        list.append(c);
    }
    if (orderIds.isEmpty())
        return list;
    // The last orders' totals and times, in one read.
    QVariantList orderParams{tenantId};
    for (const qint64 id : orderIds)
        orderParams << id;
    QString marks = QStringLiteral("?");
    for (qsizetype i = 1; i < orderIds.size(); ++i)
        marks += QStringLiteral(", ?");
    QHash<qint64, std::pair<qint64, QDateTime>> orders;
    for (const SqlRow &r : m_db.query(QStringLiteral("SELECT id, total_minor, created_at FROM "
                                                     "orders WHERE tenant_id = ? AND id IN (") +
                                          marks + QLatin1Char(')'),
                                      orderParams))
        orders.insert(r[0].toLongLong(), {r[1].toLongLong(), time(r[2])});
    for (Customer &c : list) {
        const auto it = orders.constFind(c.lastOrderId);
        if (it != orders.constEnd()) {
            c.lastOrderTotalMinor = it->first;
            c.lastOrderAt = it->second;
        }
    }
    return list;
}

Result<QList<Customer>> CustomerStore::customers(qint64 tenantId, const QString &search, int limit)
{
    return guard([&] {
        QString where;
        QVariantList params;
        const QStringList words =
            search.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts).mid(0, 6);
        for (const QString &word : words) {
            const QString like = likePattern(word);
            where += QStringLiteral(
                "AND (lower(c.name) LIKE ? ESCAPE '!' OR lower(c.nickname) LIKE ? ESCAPE '!' OR "
                "lower(c.landmark) LIKE ? ESCAPE '!' OR lower(c.notes) LIKE ? ESCAPE '!' OR "
                "lower(c.labels) LIKE ? ESCAPE '!' OR (c.walk_in = 0 AND c.phone LIKE ? ESCAPE "
                "'!')) ");
            params << like << like << like << like << like << like;
        }
        return select(tenantId, where, params, limit);
    });
}

Result<Customer> CustomerStore::customer(qint64 tenantId, qint64 contactId)
{
    return guard([&] {
        const QList<Customer> found =
            select(tenantId, QStringLiteral("AND c.id = ? "), {contactId}, 1);
        if (found.isEmpty())
            throw NotFound(QStringLiteral("That customer is not one of this store's."));
        return found.first();
    });
}

Result<Customer> CustomerStore::addWalkIn(qint64 tenantId, const CustomerProfile &profile)
{
    return guard([&] {
        checkProfile(profile, true);
        return transaction(m_db, [&] {
            const SqlRows rows = m_db.query(
                QStringLiteral("INSERT INTO contacts (tenant_id, phone, name, nickname, landmark, "
                               "notes, labels, walk_in, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, "
                               "1, ?) RETURNING id"),
                {tenantId, QString(kWalkInPrefix + QUuid::createUuid().toString(QUuid::Id128)),
                 profile.name.trimmed(), profile.nickname.trimmed(), profile.landmark.trimmed(),
                 profile.notes.trimmed(), joinedLabels(profile.labels), now()});
            const qint64 id = rows.first()[0].toLongLong();
            announce(tenantId);
            return select(tenantId, QStringLiteral("AND c.id = ? "), {id}, 1).first();
        });
    });
}

Result<Customer> CustomerStore::updateProfile(qint64 tenantId, qint64 contactId,
                                              const CustomerProfile &profile)
{
    return guard([&] {
        return transaction(m_db, [&] {
            const QList<Customer> found =
                select(tenantId, QStringLiteral("AND c.id = ? "), {contactId}, 1);
            if (found.isEmpty())
                throw NotFound(QStringLiteral("That customer is not one of this store's."));
            checkProfile(profile, found.first().walkIn);
            const bool renamed = profile.name.trimmed() != found.first().profile.name;
            m_db.exec(
                QStringLiteral("UPDATE contacts SET name = ?, nickname = ?, landmark = ?, "
                               "notes = ?, labels = ?, name_from_shop = CASE WHEN ? = 1 THEN 1 "
                               "ELSE name_from_shop END WHERE tenant_id = ? AND id = ?"),
                {profile.name.trimmed(), profile.nickname.trimmed(), profile.landmark.trimmed(),
                 profile.notes.trimmed(), joinedLabels(profile.labels), renamed ? 1 : 0, tenantId,
                 contactId});
            announce(tenantId);
            return select(tenantId, QStringLiteral("AND c.id = ? "), {contactId}, 1).first();
        });
    });
}

} // namespace shopdesk
