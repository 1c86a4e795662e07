#include "storage/CatalogStore.h"

#include "storage/BillNumbers.h"
#include "storage/SqlSupport.h"

namespace shopdesk {

using namespace sql;

namespace {

// A confirmed or delivered order has a bill.
bool billed(const QString &status)
{
    return status == QLatin1String("confirmed") || status == QLatin1String("delivered");
}

const QString kProductColumns = QStringLiteral(
    "id, sku, name, brand, category, aliases, unit, price_minor, stock, low_stock_threshold, "
    "updated_at");

Product productFrom(qint64 tenantId, const SqlRow &r)
{
    Product p;
    p.id = r[0].toLongLong();
    p.tenantId = tenantId;
    p.sku = r[1].toString();
    p.name = r[2].toString();
    p.brand = r[3].toString();
    p.category = r[4].toString();
    p.aliases = r[5].toString().split(QLatin1Char('|'), Qt::SkipEmptyParts);
    p.unit = r[6].toString();
    p.priceMinor = r[7].toLongLong();
    p.stock = r[8].toDouble();
    p.lowStockThreshold = r[9].toDouble();
    p.updatedAt = time(r[10]);
    return p;
}

// An order line's columns, from order_lines l joined with products p: the product is named as
// customers see it (brand and name), with the line's unit or else the product's.
const QString kLineColumns = QStringLiteral(
    "l.id, l.product_id, p.brand, p.name, l.quantity, COALESCE(NULLIF(l.unit, ''), p.unit), "
    "l.unit_price_minor, l.line_total_minor");

OrderLine lineFrom(const SqlRow &r, int at = 0)
{
    const QString brand = r[at + 2].toString();
    const QString name = r[at + 3].toString();
    const bool named = brand.isEmpty() || name.contains(brand, Qt::CaseInsensitive);
    return {r[at].toLongLong(),
            r[at + 1].toLongLong(),
            named ? name : brand + QLatin1Char(' ') + name,
            r[at + 4].toDouble(),
            r[at + 5].toString(),
            r[at + 6].toLongLong(),
            r[at + 7].toLongLong()};
}

QString describeProduct(int index, const Product &p)
{
    return p.sku.isEmpty() ? QStringLiteral("row %1").arg(index + 1)
                           : QStringLiteral("SKU %1").arg(p.sku);
}

} // namespace

CatalogStore::CatalogStore(SqlBackend &db, QObject *parent)
    : QObject(parent)
    , m_db(db)
{}

Result<int> CatalogStore::upsertProducts(qint64 tenantId, const QList<Product> &products,
                                         qint64 actorId)
{
    for (int i = 0; i < products.size(); ++i) {
        const Product &p = products.at(i);
        if (p.sku.trimmed().isEmpty() || p.name.trimmed().isEmpty())
            return Result<int>::failure(QStringLiteral("Product %1 needs both a SKU and a name.")
                                            .arg(describeProduct(i, p)));
        if (p.priceMinor < 0)
            return Result<int>::failure(
                QStringLiteral("Product %1 has a negative price.").arg(describeProduct(i, p)));
    }
    auto result = guard([&] {
        return transaction(m_db, [&] {
            // The stock before of the products named, to record what the import changed.
            QHash<QString, double> before;
            for (qsizetype i = 0; i < products.size(); i += 500) {
                QVariantList params{tenantId};
                const QList<Product> part = products.mid(i, 500);
                for (const Product &p : part)
                    params << p.sku.trimmed();
                for (const SqlRow &r : m_db.query(
                         QStringLiteral("SELECT sku, stock FROM products WHERE tenant_id = ? AND "
                                        "sku IN (%1)")
                             .arg(valuesRows(part.size(), QStringLiteral("?"))),
                         params))
                    before.insert(r[0].toString(), r[1].toDouble());
            }
            StockLedger stock(m_db);
            for (const Product &p : products) {
                const SqlRows id = m_db.query(
                    QStringLiteral(
                        "INSERT INTO products (tenant_id, sku, name, brand, category, aliases, "
                        "unit, price_minor, stock, low_stock_threshold, updated_at) VALUES "
                        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, sku) DO UPDATE "
                        "SET name = excluded.name, brand = excluded.brand, category = "
                        "excluded.category, aliases = excluded.aliases, unit = excluded.unit, "
                        "price_minor = excluded.price_minor, stock = excluded.stock, "
                        "low_stock_threshold = excluded.low_stock_threshold, "
                        "updated_at = excluded.updated_at RETURNING id"),
                    {tenantId, p.sku.trimmed(), p.name.trimmed(), p.brand, p.category,
                     p.aliases.join(QLatin1Char('|')), p.unit, p.priceMinor, p.stock,
                     p.lowStockThreshold, now()});
                stock.stockSet(tenantId, id.first()[0].toLongLong(),
                               before.value(p.sku.trimmed(), 0.0), p.stock,
                               QStringLiteral("import"), actorId);
                before.insert(p.sku.trimmed(), p.stock);
            }
            return int(products.size());
        });
    });
    if (result)
        m_db.afterCommit([=, this] { Q_EMIT productsChanged(tenantId); },
                         QStringLiteral("p:%1").arg(tenantId));
    return result;
}

Result<Product> CatalogStore::updateProduct(qint64 tenantId, const QString &sku, const Product &p,
                                            qint64 actorId)
{
    using R = Result<Product>;
    if (p.sku.trimmed().isEmpty() || p.name.trimmed().isEmpty())
        return R::failure(QStringLiteral("A product needs both a SKU and a name."));
    if (p.priceMinor < 0 || p.stock < 0 || p.lowStockThreshold < 0)
        return R::failure(QStringLiteral("Prices and stock cannot be negative."));
    auto result = guard([&] {
        return transaction(m_db, [&] {
            if (p.sku.trimmed() != sku &&
                !m_db.query(
                         QStringLiteral("SELECT id FROM products WHERE tenant_id = ? AND sku = ?"),
                         {tenantId, p.sku.trimmed()})
                     .isEmpty())
                throw SqlError(
                    QStringLiteral("Another product already has the SKU %1.").arg(p.sku.trimmed()));
            const SqlRows old = m_db.query(
                QStringLiteral("SELECT stock FROM products WHERE tenant_id = ? AND sku = ?"),
                {tenantId, sku});
            const SqlRows rows = m_db.query(
                QStringLiteral("UPDATE products SET sku = ?, name = ?, brand = ?, category = ?, "
                               "aliases = ?, unit = ?, price_minor = ?, stock = ?, "
                               "low_stock_threshold = ?, updated_at = ? WHERE tenant_id = ? AND "
                               "sku = ? RETURNING ") +
                    kProductColumns,
                {p.sku.trimmed(), p.name.trimmed(), p.brand.trimmed(), p.category.trimmed(),
                 p.aliases.join(QLatin1Char('|')), p.unit.trimmed(), p.priceMinor, p.stock,
                 p.lowStockThreshold, now(), tenantId, sku});
            if (rows.isEmpty())
                throw NotFound(
                    QStringLiteral("There is no product with the SKU %1 any more.").arg(sku));
            const Product updated = productFrom(tenantId, rows.first());
            StockLedger(m_db).stockSet(tenantId, updated.id, old.first()[0].toDouble(),
                                       updated.stock, QStringLiteral("edit"), actorId);
            return updated;
        });
    });
    if (result)
        m_db.afterCommit([=, this] { Q_EMIT productsChanged(tenantId); },
                         QStringLiteral("p:%1").arg(tenantId));
    return result;
}

Status CatalogStore::deleteProducts(qint64 tenantId, const QStringList &skus)
{
    auto result = guard([&] {
        return transaction(m_db, [&] {
            for (const QString &sku : skus) {
                const SqlRows ordered = m_db.query(
                    QStringLiteral(
                        "SELECT p.name FROM products p JOIN order_lines l ON l.tenant_id = "
                        "p.tenant_id AND l.product_id = p.id WHERE p.tenant_id = ? AND "
                        "p.sku = ? LIMIT 1"),
                    {tenantId, sku});
                if (!ordered.isEmpty())
                    throw SqlError(
                        QStringLiteral("\"%1\" is in customers' orders, so it stays; set "
                                       "its stock to 0 to stop selling it.")
                            .arg(ordered.first()[0].toString()));
                m_db.exec(QStringLiteral("DELETE FROM products WHERE tenant_id = ? AND sku = ?"),
                          {tenantId, sku});
            }
            return Done{};
        });
    });
    if (result)
        m_db.afterCommit([=, this] { Q_EMIT productsChanged(tenantId); },
                         QStringLiteral("p:%1").arg(tenantId));
    return result;
}

Result<QList<Product>> CatalogStore::products(qint64 tenantId)
{
    return guard([&] {
        QList<Product> list;
        const SqlRows rows = m_db.query(QStringLiteral("SELECT ") + kProductColumns +
                                            QStringLiteral(" FROM products WHERE tenant_id = ? "
                                                           "ORDER BY category, name, id"),
                                        {tenantId});
        list.reserve(rows.size());
        for (const SqlRow &r : rows)
            list.append(productFrom(tenantId, r));
        return list;
    });
}

Result<Order> CatalogStore::addOrder(qint64 tenantId, const Order &order, qint64 actorId)
{
    if (order.lines.isEmpty())
        return Result<Order>::failure(QStringLiteral("An order needs at least one item."));
    bool moved = false;
    auto result = guard([&] {
        return transaction(m_db, [&] {
            Order stored = order;
            stored.tenantId = tenantId;
            stored.totalMinor = 0;
            for (OrderLine &line : stored.lines) {
                line.lineTotalMinor =
                    qint64(std::llround(line.quantity * double(line.unitPriceMinor)));
                stored.totalMinor += line.lineTotalMinor;
            }
            if (!order.fromHistory)
                StockLedger(m_db).requireStock(tenantId, nullptr, order);
            const qint64 created =
                order.createdAt.isValid() ? order.createdAt.toMSecsSinceEpoch() : now();
            const SqlRows rows = m_db.query(
                QStringLiteral("INSERT INTO orders (tenant_id, contact_id, conversation_id, "
                               "status, total_minor, created_at, updated_at, taken_by) VALUES "
                               "(?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
                {tenantId, order.contactId, nullableId(order.conversationId), order.status,
                 stored.totalMinor, created, created,
                 order.takenBy == QLatin1String("person") ? QStringLiteral("person")
                                                          : QStringLiteral("bot")});
            stored.id = rows.first()[0].toLongLong();
            stored.createdAt = stored.updatedAt = time(created);
            insertLines(tenantId, stored);
            if (!order.fromHistory)
                moved = StockLedger(m_db).orderChanged(tenantId, nullptr, stored, actorId);
            if (billed(stored.status))
                stored.billNumber = BillNumbers(m_db).assign(tenantId, stored.id);
            return stored;
        });
    });
    if (result)
        announceOrder(tenantId, moved);
    return result;
}

void CatalogStore::announceOrder(qint64 tenantId, bool stockMoved)
{
    m_db.afterCommit([=, this] { Q_EMIT ordersChanged(tenantId); },
                     QStringLiteral("o:%1").arg(tenantId));
    if (stockMoved)
        m_db.afterCommit([=, this] { Q_EMIT productsChanged(tenantId); },
                         QStringLiteral("p:%1").arg(tenantId));
}

Result<qint64> CatalogStore::latestBilledOrder(qint64 tenantId, qint64 contactId)
{
    return guard([&] {
        const SqlRows rows = m_db.query(
            QStringLiteral("SELECT id FROM orders WHERE tenant_id = ? AND contact_id = ? AND "
                           "bill_number IS NOT NULL AND status <> 'cancelled' ORDER BY "
                           "bill_number DESC LIMIT 1"),
            {tenantId, contactId});
        return rows.isEmpty() ? qint64(0) : rows.first()[0].toLongLong();
    });
}

Result<QList<Order>> CatalogStore::orders(qint64 tenantId, int limit)
{
    return guard([&] { return selectOrders(tenantId, 0, limit); });
}

Result<Order> CatalogStore::order(qint64 tenantId, qint64 orderId)
{
    return guard([&] {
        const QList<Order> found = selectOrders(tenantId, orderId, 1);
        if (found.isEmpty())
            throw NotFound(QStringLiteral("There is no order #%1 in this store.").arg(orderId));
        return found.first();
    });
}

QList<Order> CatalogStore::selectOrders(qint64 tenantId, qint64 orderId, int limit)
{
    QList<Order> list;
    const QString one = orderId > 0 ? QStringLiteral("AND o.id = ? ") : QString();
    QVariantList params{tenantId};
    if (orderId > 0)
        params << orderId;
    params << limit;
    const SqlRows rows = m_db.query(
        QStringLiteral(
            "SELECT o.id, o.contact_id, o.conversation_id, o.status, "
            "o.total_minor, o.created_at, o.updated_at, c.name, c.phone, o.bill_number FROM "
            "orders o LEFT JOIN contacts c ON c.tenant_id = o.tenant_id AND c.id "
            "= o.contact_id WHERE o.tenant_id = ? ") +
            one + QStringLiteral("ORDER BY o.created_at DESC, o.id DESC LIMIT ?"),
        params);
    for (const SqlRow &r : rows) {
        Order o;
        o.id = r[0].toLongLong();
        o.tenantId = tenantId;
        o.contactId = r[1].toLongLong();
        o.conversationId = r[2].toLongLong();
        o.status = r[3].toString();
        o.totalMinor = r[4].toLongLong();
        o.createdAt = time(r[5]);
        o.updatedAt = time(r[6]);
        o.customerName = r[7].toString();
        o.customerPhone = r[8].toString();
        o.billNumber = r[9].toLongLong();
        list.append(o);
    }
    const SqlRows lines = m_db.query(
        QStringLiteral("SELECT l.order_id, ") + kLineColumns +
            QStringLiteral(" FROM order_lines l JOIN products p ON p.tenant_id = "
                           "l.tenant_id AND p.id = l.product_id WHERE l.tenant_id = ? AND "
                           "l.order_id IN (SELECT o.id FROM orders o WHERE o.tenant_id = ? ") +
            one + QStringLiteral("ORDER BY o.created_at DESC, o.id DESC LIMIT ?) ORDER BY l.id"),
        QVariantList{tenantId} + params);
    QHash<qint64, int> index;
    for (int i = 0; i < list.size(); ++i)
        index.insert(list[i].id, i);
    for (const SqlRow &r : lines) {
        const auto it = index.constFind(r[0].toLongLong());
        if (it == index.constEnd())
            continue;
        list[*it].lines.append(lineFrom(r, 1));
    }
    return list;
}

Result<std::optional<Order>> CatalogStore::latestOrder(qint64 tenantId, qint64 contactId)
{
    return guard([&] {
        std::optional<Order> found;
        const SqlRows rows = m_db.query(
            QStringLiteral("SELECT id, conversation_id, status, total_minor, created_at, "
                           "updated_at FROM orders WHERE tenant_id = ? AND contact_id = ? "
                           "ORDER BY id DESC LIMIT 1"),
            {tenantId, contactId});
        if (rows.isEmpty())
            return found;
        Order o;
        o.id = rows[0][0].toLongLong();
        o.tenantId = tenantId;
        o.contactId = contactId;
        o.conversationId = rows[0][1].toLongLong();
        o.status = rows[0][2].toString();
        o.totalMinor = rows[0][3].toLongLong();
        o.createdAt = time(rows[0][4]);
        o.updatedAt = time(rows[0][5]);
        for (const SqlRow &r : m_db.query(
                 QStringLiteral("SELECT ") + kLineColumns +
                     QStringLiteral(" FROM order_lines l JOIN products p ON p.tenant_id = "
                                    "l.tenant_id AND p.id = l.product_id WHERE l.tenant_id = ? "
                                    "AND l.order_id = ? ORDER BY l.id"),
                 {tenantId, o.id}))
            o.lines.append(lineFrom(r));
        found = o;
        return found;
    });
}

Result<Order> CatalogStore::updateOrder(qint64 tenantId, const Order &order, qint64 actorId)
{
    if (order.lines.isEmpty() && order.status != QLatin1String("cancelled"))
        return Result<Order>::failure(QStringLiteral("An order needs at least one item."));
    bool moved = false;
    auto result = guard([&] {
        return transaction(m_db, [&] {
            const std::optional<Order> before = storedOrder(tenantId, order.id);
            if (!before)
                throw NotFound(
                    QStringLiteral("Order %1 does not exist in this store.").arg(order.id));
            StockLedger(m_db).requireStock(tenantId, &*before, order);
            Order stored = order;
            stored.totalMinor = 0;
            m_db.exec(
                QStringLiteral("DELETE FROM order_lines WHERE tenant_id = ? AND order_id = ?"),
                {tenantId, order.id});
            for (OrderLine &line : stored.lines) {
                line.lineTotalMinor =
                    qint64(std::llround(line.quantity * double(line.unitPriceMinor)));
                stored.totalMinor += line.lineTotalMinor;
            }
            insertLines(tenantId, stored);
            const qint64 at = now();
            m_db.exec(
                QStringLiteral("UPDATE orders SET status = ?, total_minor = ?, updated_at = ? "
                               "WHERE tenant_id = ? AND id = ?"),
                {stored.status, stored.totalMinor, at, tenantId, order.id});
            stored.updatedAt = time(at);
            moved = StockLedger(m_db).orderChanged(tenantId, &*before, stored, actorId);
            if (billed(stored.status) || before->billNumber > 0)
                stored.billNumber = BillNumbers(m_db).assign(tenantId, order.id);
            return stored;
        });
    });
    if (result)
        announceOrder(tenantId, moved);
    return result;
}

std::optional<Order> CatalogStore::storedOrder(qint64 tenantId, qint64 orderId)
{
    const bool pg = m_db.dialect() == SqlBackend::Dialect::Postgres;
    const SqlRows head = m_db.query(
        QStringLiteral("SELECT status, bill_number FROM orders WHERE tenant_id = ? AND id = ?") +
            (pg ? QStringLiteral(" FOR UPDATE") : QString()),
        {tenantId, orderId});
    if (head.isEmpty())
        return std::nullopt;
    Order o;
    o.id = orderId;
    o.tenantId = tenantId;
    o.status = head.first()[0].toString();
    o.billNumber = head.first()[1].toLongLong();
    for (const SqlRow &r : m_db.query(QStringLiteral("SELECT product_id, quantity FROM "
                                                     "order_lines WHERE tenant_id = ? AND "
                                                     "order_id = ? ORDER BY id"),
                                      {tenantId, orderId})) {
        OrderLine line;
        line.productId = r[0].toLongLong();
        line.quantity = r[1].toDouble();
        o.lines.append(line);
    }
    return o;
}

Result<QString> CatalogStore::stockShortfall(qint64 tenantId, const Order &order)
{
    return guard([&] {
        const std::optional<Order> before =
            order.id > 0 ? storedOrder(tenantId, order.id) : std::nullopt;
        return StockLedger::describe(
            StockLedger(m_db).shortages(tenantId, before ? &*before : nullptr, order));
    });
}

Result<QList<StockLedger::Movement>> CatalogStore::stockHistory(qint64 tenantId, qint64 productId,
                                                                int limit)
{
    return guard([&] { return StockLedger(m_db).history(tenantId, productId, limit); });
}

Result<Product> CatalogStore::product(qint64 tenantId, qint64 productId)
{
    return guard([&] {
        const SqlRows rows = m_db.query(QStringLiteral("SELECT ") + kProductColumns +
                                            QStringLiteral(" FROM products WHERE tenant_id = ? "
                                                           "AND id = ?"),
                                        {tenantId, productId});
        if (rows.isEmpty())
            throw NotFound(QStringLiteral("That product is not in this store's inventory."));
        return productFrom(tenantId, rows.first());
    });
}

Result<QString> CatalogStore::productsRevision(qint64 tenantId)
{
    return guard([&] {
        const SqlRows rows = m_db.query(
            QStringLiteral("SELECT COUNT(*), COALESCE(MAX(updated_at), 0), COALESCE(SUM(stock), 0) "
                           "FROM products WHERE tenant_id = ?"),
            {tenantId});
        return rows.isEmpty() ? QString()
                              : QStringList{rows[0][0].toString(), rows[0][1].toString(),
                                            rows[0][2].toString()}
                                    .join(QLatin1Char(':'));
    });
}

void CatalogStore::insertLines(qint64 tenantId, Order &order)
{
    for (OrderLine &line : order.lines) {
        const SqlRows rows = m_db.query(
            QStringLiteral("INSERT INTO order_lines (tenant_id, order_id, product_id, quantity, "
                           "unit, unit_price_minor, line_total_minor) VALUES (?, ?, ?, ?, ?, ?, "
                           "?) RETURNING id"),
            {tenantId, order.id, line.productId, line.quantity, line.unit, line.unitPriceMinor,
             line.lineTotalMinor});
        line.id = rows.first()[0].toLongLong();
    }
}

} // namespace shopdesk
