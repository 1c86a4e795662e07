#pragma once

#include "domain/Product.h"

#include <QUndoCommand>

namespace shopdesk {

class ProductTableModel;

// Products added to or removed from the inventory (by hand or by an import), undoable. An
// import also restores the products it overwrote: `replaced` are they, as they were.
class ProductSetCommand : public QUndoCommand
{
public:
    enum class Kind { Add, Remove, Import };
    ProductSetCommand(ProductTableModel &model, Kind kind, QList<Product> products,
                      QList<Product> replaced = {}, bool alreadyDone = false);
    void redo() override;
    void undo() override;

private:
    QStringList newSkus() const; // imported products that did not exist before

    ProductTableModel &m_model;
    Kind m_kind;
    QList<Product> m_products;
    QList<Product> m_replaced;
    bool m_skipFirstRedo;
};

} // namespace shopdesk
