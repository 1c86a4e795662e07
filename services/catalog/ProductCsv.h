#pragma once

#include "core/Result.h"
#include "domain/Product.h"

#include <QHash>
#include <QList>
#include <QStringList>

namespace shopdesk {

// A product list in CSV, as stores keep it: a header, then one product per row. Columns are
// recognised by their usual names (product/name, brand, category, price/sale_price/mrp,
// stock/qty, sku/code/id, unit/size, aliases/hindi_name, low_stock) or mapped by hand. Every bad
// row is reported with its number and reason; the good rows are kept apart so a caller can
// refuse the whole file (nothing half-imported) or use what was read.
class ProductCsv
{
public:
    enum class Field { Sku, Name, Brand, Category, Price, Stock, Unit, Aliases, LowStock };
    using Mapping = QHash<Field, int>; // field -> column index

    struct RowError
    {
        int row = 0; // 1-based line of the file, the header being 1
        QString message;
    };
    struct Table
    {
        QStringList header;
        QList<QStringList> rows;
    };
    struct Parsed
    {
        QList<Product> products;
        QList<RowError> errors;
        Mapping mapping;
    };

    static Result<Table> readTable(const QByteArray &bytes);
    // The columns recognised by name; Name and Price are needed to read products.
    static Mapping guessMapping(const QStringList &header);
    static QString fieldName(Field field); // "name", "price", ... for messages and the console
    static QList<Field> fields();

    // Products from a table with a mapping. Without a SKU column, the SKU is made from the
    // name, brand and unit (or the row number when that repeats). Without a stock column, every
    // product is in stock. Prices are in the store's currency units ("56", "56.50", "₹1,299").
    static Parsed parse(const Table &table, const Mapping &mapping);
    static Result<Parsed> parse(const QByteArray &bytes); // guessMapping on the file's header

    // The products as CSV with the column names parse() recognises, so an export imports back.
    static QByteArray write(const QList<Product> &products);

    // "₹1,299.50" -> 129950; negative when it is not a price.
    static qint64 priceMinor(const QString &text);
};

} // namespace shopdesk
