#include "ProductEditCommand.h"

#include "ProductTableModel.h"

namespace shopdesk {

ProductEditCommand::ProductEditCommand(ProductTableModel &model, Product before, Product after,
                                       const QString &what)
    : m_model(model)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
    setText(QObject::tr("change %1 of %2").arg(what, m_before.name));
}

void ProductEditCommand::redo()
{
    m_model.writeProduct(m_before.sku, m_after);
}

void ProductEditCommand::undo()
{
    m_model.writeProduct(m_after.sku, m_before);
}

} // namespace shopdesk
