#include "storage/StockLedger.h"

#include "storage/SqlBackend.h"
#include "storage/SqlSupport.h"

#include <QStringList>

#include <algorithm>

namespace shopdesk {

namespace {

constexpr double kEpsilon = 1e-9; // quantities are decimals (0.5 kg): compare with a margin

QString amount(double quantity, const QString &unit)
{
    const QString n = QString::number(quantity, 'g', 10);
    return unit.isEmpty() ? n : n + QLatin1Char(' ') + unit;
}

} // namespace

StockLedger::StockLedger(SqlBackend &db)
    : m_db(db)
{}

QHash<qint64, double> StockLedger::difference(const Order *before, const Order &after)
{
    QHash<qint64, double> diff;
    if (before && holdsStock(before->status))
        for (const OrderLine &l : before->lines)
            if (l.productId > 0)
                diff[l.productId] -= l.quantity;
    if (holdsStock(after.status))
        for (const OrderLine &l : after.lines)
            if (l.productId > 0)
                diff[l.productId] += l.quantity;
    for (auto it = diff.begin(); it != diff.end();)
        it = std::abs(it.value()) < kEpsilon ? diff.erase(it) : std::next(it);
    return diff;
}

QList<StockLedger::Shortage> StockLedger::shortages(qint64 tenantId, const Order *before,
                                                    const Order &after)
{
    const QHash<qint64, double> diff = difference(before, after);
    QList<qint64> ids;
    for (auto it = diff.cbegin(); it != diff.cend(); ++it)
        if (it.value() > 0)
            ids << it.key();
    if (ids.isEmpty())
        return {};
    std::sort(ids.begin(), ids.end());
    QVariantList params{tenantId};
    for (const qint64 id : std::as_const(ids))
        params << id;
    const bool pg = m_db.dialect() == SqlBackend::Dialect::Postgres;
    const SqlRows rows = m_db.query(
        QStringLiteral("SELECT id, name, unit, stock FROM products WHERE tenant_id = ? AND id IN "
                       "(%1) ORDER BY id%2")
            .arg(sql::valuesRows(ids.size(), QStringLiteral("CAST(? AS BIGINT)")),
                 pg ? QStringLiteral(" FOR UPDATE") : QString()),
        params);
    QList<Shortage> out;
    for (const SqlRow &r : rows) {
        const qint64 id = r[0].toLongLong();
        const double left = r[3].toDouble();
        const double wanted = diff.value(id);
        if (left + kEpsilon < wanted)
            out.append({id, r[1].toString(), r[2].toString(), wanted, std::max(0.0, left)});
    }
    return out;
}

QString StockLedger::describe(const QList<Shortage> &shortages)
{
    QStringList sentences;
    for (const Shortage &s : shortages)
        sentences << (s.left < kEpsilon
                          ? QStringLiteral("%1 is sold out (%2 asked).")
                                .arg(s.name, amount(s.wanted, s.unit))
                          : QStringLiteral("Only %1 of %2 is left (%3 asked).")
                                .arg(amount(s.left, s.unit), s.name, amount(s.wanted, s.unit)));
    return sentences.join(QLatin1Char(' '));
}

void StockLedger::requireStock(qint64 tenantId, const Order *before, const Order &after)
{
    const QList<Shortage> missing = shortages(tenantId, before, after);
    if (!missing.isEmpty())
        throw SqlError(describe(missing), ErrorKind::Conflict);
}

bool StockLedger::orderChanged(qint64 tenantId, const Order *before, const Order &after,
                               qint64 operatorId)
{
    const QHash<qint64, double> diff = difference(before, after);
    const bool taking = holdsStock(after.status) && !(before && holdsStock(before->status));
    const QString reason = taking ? QStringLiteral("order")
                           : after.status == QLatin1String("cancelled")
                               ? QStringLiteral("cancel")
                               : QStringLiteral("order_change");
    QList<qint64> ids = diff.keys();
    std::sort(ids.begin(), ids.end()); // the same lock order as shortages()
    const qint64 at = sql::now();
    bool moved = false;
    for (const qint64 id : std::as_const(ids)) {
        const double change = -diff.value(id);
        const SqlRows rows =
            m_db.query(QStringLiteral("UPDATE products SET stock = stock + ?, updated_at = ? WHERE "
                                      "tenant_id = ? AND id = ? RETURNING stock"),
                       {change, at, tenantId, id});
        if (rows.isEmpty())
            continue; // the product is gone; the order keeps its line
        moved = true;
        m_db.exec(QStringLiteral("INSERT INTO stock_movements (tenant_id, product_id, at, change, "
                                 "stock_after, reason, order_id, operator_id) VALUES (?, ?, ?, "
                                 "?, ?, ?, ?, ?)"),
                  {tenantId, id, at, change, rows.first()[0].toDouble(), reason,
                   after.id > 0 ? QVariant(after.id) : QVariant(),
                   operatorId > 0 ? QVariant(operatorId) : QVariant()});
    }
    return moved;
}

void StockLedger::stockSet(qint64 tenantId, qint64 productId, double before, double after,
                           const QString &reason, qint64 operatorId)
{
    if (std::abs(after - before) < kEpsilon)
        return;
    m_db.exec(QStringLiteral("INSERT INTO stock_movements (tenant_id, product_id, at, change, "
                             "stock_after, reason, operator_id) VALUES (?, ?, ?, ?, ?, ?, ?)"),
              {tenantId, productId, sql::now(), after - before, after, reason,
               operatorId > 0 ? QVariant(operatorId) : QVariant()});
}

QList<StockLedger::Movement> StockLedger::history(qint64 tenantId, qint64 productId, int limit)
{
    const SqlRows rows = m_db.query(
        QStringLiteral("SELECT m.id, m.product_id, m.at, m.change, m.stock_after, m.reason, "
                       "m.order_id, m.operator_id, COALESCE(o.name, '') FROM stock_movements m "
                       "LEFT JOIN operators o ON o.tenant_id = m.tenant_id AND o.id = "
                       "m.operator_id WHERE m.tenant_id = ? AND m.product_id = ? ORDER BY m.at "
                       "DESC, m.id DESC LIMIT ?"),
        {tenantId, productId, limit});
    QList<Movement> out;
    for (const SqlRow &r : rows)
        out.append({r[0].toLongLong(), r[1].toLongLong(),
                    QDateTime::fromMSecsSinceEpoch(r[2].toLongLong(), Qt::UTC), r[3].toDouble(),
                    r[4].toDouble(), r[5].toString(), r[6].toLongLong(), r[7].toLongLong(),
                    r[8].toString()});
    return out;
}

} // namespace shopdesk
