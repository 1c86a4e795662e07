#pragma once

#include "bills/Bill.h"

namespace shopdesk {

// A bill as a WhatsApp message: store, bill number and date, one line per item, the total, the
// GST included, and whether it is paid or on credit (WhatsApp's *bold* for the headings).
class BillText
{
public:
    static QString render(const Bill &bill);
};

} // namespace shopdesk
