#include "catalog/ProductCsv.h"

#include "knowledge/CsvTable.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>

namespace shopdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ProductCsv", text);
}

QString headerKey(const QString &name)
{
    static const QRegularExpression nonWord(QStringLiteral("[^a-z0-9]+"));
    QString key = name.trimmed().toLower();
    key.replace(nonWord, QStringLiteral("_"));
    while (key.startsWith(QLatin1Char('_')))
        key.remove(0, 1);
    while (key.endsWith(QLatin1Char('_')))
        key.chop(1);
    return key;
}

// Column names per field, best first.
const QList<QPair<ProductCsv::Field, QStringList>> &knownNames()
{
    using F = ProductCsv::Field;
    static const QList<QPair<F, QStringList>> names = {
        {F::Sku,
         {QStringLiteral("sku"), QStringLiteral("code"), QStringLiteral("item_code"),
          QStringLiteral("product_code"), QStringLiteral("barcode"), QStringLiteral("id"),
          QStringLiteral("product_id"), QStringLiteral("index")}},
        {F::Name,
         {QStringLiteral("product"), QStringLiteral("name"), QStringLiteral("product_name"),
          QStringLiteral("item"), QStringLiteral("item_name"), QStringLiteral("title"),
          QStringLiteral("description")}},
        {F::Brand,
         {QStringLiteral("brand"), QStringLiteral("brand_name"), QStringLiteral("company"),
          QStringLiteral("manufacturer")}},
        {F::Category,
         {QStringLiteral("category"), QStringLiteral("sub_category"), QStringLiteral("department"),
          QStringLiteral("group"), QStringLiteral("type")}},
        {F::Price,
         {QStringLiteral("price"), QStringLiteral("sale_price"), QStringLiteral("selling_price"),
          QStringLiteral("sp"), QStringLiteral("rate"), QStringLiteral("mrp"),
          QStringLiteral("market_price"), QStringLiteral("unit_price")}},
        {F::Stock,
         {QStringLiteral("stock"), QStringLiteral("qty"), QStringLiteral("quantity"),
          QStringLiteral("in_stock"), QStringLiteral("stock_qty"), QStringLiteral("available")}},
        {F::Unit,
         {QStringLiteral("unit"), QStringLiteral("size"), QStringLiteral("pack_size"),
          QStringLiteral("weight"), QStringLiteral("uom")}},
        {F::Aliases,
         {QStringLiteral("aliases"), QStringLiteral("alias"), QStringLiteral("hindi_name"),
          QStringLiteral("other_names"), QStringLiteral("local_name")}},
        {F::LowStock,
         {QStringLiteral("low_stock"), QStringLiteral("low_stock_threshold"),
          QStringLiteral("reorder_level"), QStringLiteral("min_stock")}},
    };
    return names;
}

QString cell(const QStringList &row, const ProductCsv::Mapping &mapping, ProductCsv::Field field)
{
    const int column = mapping.value(field, -1);
    return column >= 0 && column < row.size() ? row.at(column).trimmed() : QString();
}

} // namespace

QList<ProductCsv::Field> ProductCsv::fields()
{
    return {Field::Sku,   Field::Name, Field::Brand,   Field::Category, Field::Price,
            Field::Stock, Field::Unit, Field::Aliases, Field::LowStock};
}

QString ProductCsv::fieldName(Field field)
{
    switch (field) {
    case Field::Sku:
        return tr("SKU");
    case Field::Name:
        return tr("name");
    case Field::Brand:
        return tr("brand");
    case Field::Category:
        return tr("category");
    case Field::Price:
        return tr("price");
    case Field::Stock:
        return tr("stock");
    case Field::Unit:
        return tr("unit");
    case Field::Aliases:
        return tr("aliases");
    case Field::LowStock:
        return tr("low-stock level");
    }
    return {};
}

Result<ProductCsv::Table> ProductCsv::readTable(const QByteArray &bytes)
{
    QByteArray data = bytes;
    if (data.startsWith("\xEF\xBB\xBF"))
        data.remove(0, 3); // Excel's byte-order mark
    auto rows = CsvTable::parse(data);
    if (!rows)
        return Result<Table>::failure(rows.error());
    if (rows->isEmpty())
        return Result<Table>::failure(tr("The file is empty."));
    Table t;
    t.header = rows->takeFirst();
    t.rows = std::move(rows.value());
    return t;
}

ProductCsv::Mapping ProductCsv::guessMapping(const QStringList &header)
{
    QStringList keys;
    for (const QString &h : header)
        keys << headerKey(h);
    Mapping mapping;
    QSet<int> used;
    for (const auto &[field, names] : knownNames()) {
        for (const QString &name : names) {
            const int column = int(keys.indexOf(name));
            if (column >= 0 && !used.contains(column)) {
                mapping.insert(field, column);
                used.insert(column);
                break;
            }
        }
    }
    return mapping;
}

qint64 ProductCsv::priceMinor(const QString &text)
{
    static const QRegularExpression currency(QStringLiteral("^(rs\\.?|inr|₹)\\s*"),
                                             QRegularExpression::CaseInsensitiveOption);
    QString t = text.trimmed();
    t.remove(currency);
    t.remove(QLatin1Char(','));
    t = t.trimmed();
    static const QRegularExpression number(QStringLiteral("^\\d+(\\.\\d{1,2})?$"));
    if (!number.match(t).hasMatch())
        return -1;
    bool ok = false;
    const double value = t.toDouble(&ok);
    return ok ? qRound64(value * 100) : -1;
}

ProductCsv::Parsed ProductCsv::parse(const Table &table, const Mapping &mapping)
{
    Parsed out;
    out.mapping = mapping;
    if (!mapping.contains(Field::Name) || !mapping.contains(Field::Price)) {
        out.errors.append({1, tr("Say which column holds the product name and which the price.")});
        return out;
    }
    QSet<QString> skus;
    for (qsizetype i = 0; i < table.rows.size(); ++i) {
        const QStringList &row = table.rows.at(i);
        const int line = int(i) + 2;
        if (std::all_of(row.cbegin(), row.cend(),
                        [](const QString &c) { return c.trimmed().isEmpty(); }))
            continue;
        Product p;
        p.name = cell(row, mapping, Field::Name);
        if (p.name.isEmpty()) {
            out.errors.append({line, tr("The product has no name.")});
            continue;
        }
        const QString price = cell(row, mapping, Field::Price);
        p.priceMinor = priceMinor(price);
        if (p.priceMinor < 0) {
            out.errors.append({line, price.isEmpty()
                                         ? tr("%1 has no price.").arg(p.name)
                                         : tr("%1: \"%2\" is not a price.").arg(p.name, price)});
            continue;
        }
        p.brand = cell(row, mapping, Field::Brand);
        p.category = cell(row, mapping, Field::Category);
        p.unit = cell(row, mapping, Field::Unit);
        static const QRegularExpression aliasSeparator(QStringLiteral("[|;,]"));
        const QString aliases = cell(row, mapping, Field::Aliases);
        for (const QString &a : aliases.split(aliasSeparator, Qt::SkipEmptyParts))
            p.aliases << a.trimmed();
        if (mapping.contains(Field::Stock)) {
            const QString stock = cell(row, mapping, Field::Stock);
            bool ok = stock.isEmpty();
            p.stock = stock.isEmpty() ? 0 : stock.toDouble(&ok);
            if (!ok || p.stock < 0) {
                out.errors.append(
                    {line,
                     tr("%1: stock \"%2\" is not a number of 0 or more.").arg(p.name, stock)});
                continue;
            }
        } else {
            p.stock = 1e9; // the file says nothing of stock: treat everything as available
        }
        if (mapping.contains(Field::LowStock)) {
            const QString low = cell(row, mapping, Field::LowStock);
            bool ok = low.isEmpty();
            p.lowStockThreshold = low.isEmpty() ? 0 : low.toDouble(&ok);
            if (!ok || p.lowStockThreshold < 0) {
                out.errors.append(
                    {line, tr("%1: low-stock level \"%2\" is not a number of 0 or more.")
                               .arg(p.name, low)});
                continue;
            }
        }
        p.sku = cell(row, mapping, Field::Sku);
        if (p.sku.isEmpty()) {
            p.sku =
                QStringList{p.brand, p.name, p.unit}.join(QLatin1Char(' ')).simplified().toUpper();
            if (skus.contains(p.sku))
                p.sku += QStringLiteral(" #%1").arg(line);
        } else if (skus.contains(p.sku)) {
            out.errors.append({line, tr("SKU %1 appears twice in the file.").arg(p.sku)});
            continue;
        }
        skus.insert(p.sku);
        out.products.append(p);
    }
    return out;
}

Result<ProductCsv::Parsed> ProductCsv::parse(const QByteArray &bytes)
{
    auto table = readTable(bytes);
    if (!table)
        return Result<Parsed>::failure(table.error());
    const Mapping mapping = guessMapping(table->header);
    if (!mapping.contains(Field::Name) || !mapping.contains(Field::Price)) {
        return Result<Parsed>::failure(
            tr("No product name or price column was found. The header was: %1.")
                .arg(table->header.join(QStringLiteral(", "))));
    }
    return parse(table.value(), mapping);
}

QByteArray ProductCsv::write(const QList<Product> &products)
{
    const auto number = [](double v) {
        return QString::number(v, 'g', 12);
    };
    QList<QStringList> rows{{QStringLiteral("sku"), QStringLiteral("name"), QStringLiteral("brand"),
                             QStringLiteral("category"), QStringLiteral("unit"),
                             QStringLiteral("price"), QStringLiteral("stock"),
                             QStringLiteral("low_stock"), QStringLiteral("aliases")}};
    for (const Product &p : products)
        rows.append(
            {p.sku, p.name, p.brand, p.category, p.unit,
             p.priceMinor % 100 == 0 ? QString::number(p.priceMinor / 100)
                                     : QString::number(double(p.priceMinor) / 100.0, 'f', 2),
             number(p.stock), number(p.lowStockThreshold), p.aliases.join(QStringLiteral("; "))});
    return CsvTable::write(rows);
}

} // namespace shopdesk
