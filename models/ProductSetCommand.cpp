#include "ProductSetCommand.h"

#include "ProductTableModel.h"

#include <QSet>

namespace shopdesk {

ProductSetCommand::ProductSetCommand(ProductTableModel &model, Kind kind, QList<Product> products,
                                     QList<Product> replaced, bool alreadyDone)
    : m_model(model)
    , m_kind(kind)
    , m_products(std::move(products))
    , m_replaced(std::move(replaced))
    , m_skipFirstRedo(alreadyDone)
{
    const int n = int(m_products.size());
    switch (kind) {
    case Kind::Add:
        setText(QObject::tr("add %1").arg(m_products.value(0).name));
        break;
    case Kind::Remove:
        setText(n == 1 ? QObject::tr("remove %1").arg(m_products.first().name)
                       : QObject::tr("remove %n products", nullptr, n));
        break;
    case Kind::Import:
        setText(QObject::tr("import %n products", nullptr, n));
        break;
    }
}

QStringList ProductSetCommand::newSkus() const
{
    QSet<QString> old;
    for (const Product &p : m_replaced)
        old.insert(p.sku);
    QStringList added;
    for (const Product &p : m_products) {
        if (!old.contains(p.sku))
            added << p.sku;
    }
    return added;
}

void ProductSetCommand::redo()
{
    if (m_skipFirstRedo) {
        m_skipFirstRedo = false;
        return;
    }
    QStringList skus;
    switch (m_kind) {
    case Kind::Add:
    case Kind::Import:
        m_model.insertProducts(m_products);
        break;
    case Kind::Remove:
        for (const Product &p : m_products)
            skus << p.sku;
        m_model.deleteProducts(skus);
        break;
    }
}

void ProductSetCommand::undo()
{
    switch (m_kind) {
    case Kind::Add:
        m_model.deleteProducts({m_products.first().sku});
        break;
    case Kind::Remove:
        m_model.insertProducts(m_products);
        break;
    case Kind::Import:
        m_model.deleteProducts(newSkus());
        if (!m_replaced.isEmpty())
            m_model.insertProducts(m_replaced);
        break;
    }
}

} // namespace shopdesk
