#pragma once

#include "bills/Bill.h"
#include "core/Result.h"

#include <QByteArray>

namespace shopdesk {

// A bill as a PDF, drawn with cairo's PDF surface (A5, DejaVu Sans): the store's heading,
// bill number and date, the customer, a table of the lines (more pages when they do not fit),
// the total, the GST included and the state. The document's title is the bill's.
class BillPdf
{
public:
    static Result<QByteArray> render(const Bill &bill);
};

} // namespace shopdesk
