#pragma once

#include "domain/Product.h"

#include <QUndoCommand>

namespace shopdesk {

class ProductTableModel;

// One change to one product, undoable: redo writes `after`, undo writes `before` back (both
// found by SKU, which the edit itself may change).
class ProductEditCommand : public QUndoCommand
{
public:
    ProductEditCommand(ProductTableModel &model, Product before, Product after,
                       const QString &what);
    void redo() override;
    void undo() override;

private:
    ProductTableModel &m_model;
    Product m_before;
    Product m_after;
};

} // namespace shopdesk
