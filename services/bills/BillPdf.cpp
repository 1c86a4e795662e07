#include "bills/BillPdf.h"

#include "core/Money.h"

#include <cairo-pdf.h>
#include <cairo.h>

#include <memory>

namespace shopdesk {

namespace {

constexpr double kWidth = 420; // A5 in points
constexpr double kHeight = 595;
constexpr double kMargin = 32;
constexpr double kRow = 16;

cairo_status_t appendTo(void *closure, const unsigned char *data, unsigned int length)
{
    static_cast<QByteArray *>(closure)->append(reinterpret_cast<const char *>(data),
                                               qsizetype(length));
    return CAIRO_STATUS_SUCCESS;
}

// Text drawn at a baseline, left or right aligned, elided to a width.
class Pen
{
public:
    explicit Pen(cairo_t *cr)
        : m_cr(cr)
    {}
    void font(double size, bool bold)
    {
        cairo_select_font_face(m_cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                               bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
        cairo_set_font_size(m_cr, size);
    }
    double width(const QString &text)
    {
        cairo_text_extents_t e;
        const QByteArray utf8 = text.toUtf8();
        cairo_text_extents(m_cr, utf8.constData(), &e);
        return e.x_advance;
    }
    void left(double x, double y, QString text, double maxWidth = 0)
    {
        if (maxWidth > 0 && width(text) > maxWidth) {
            while (text.size() > 1 && width(text + QStringLiteral("\u2026")) > maxWidth)
                text.chop(1);
            text += QStringLiteral("\u2026");
        }
        const QByteArray utf8 = text.toUtf8();
        cairo_move_to(m_cr, x, y);
        cairo_show_text(m_cr, utf8.constData());
    }
    void right(double x, double y, const QString &text) { left(x - width(text), y, text); }
    void rule(double y)
    {
        cairo_set_line_width(m_cr, 0.6);
        cairo_move_to(m_cr, kMargin, y);
        cairo_line_to(m_cr, kWidth - kMargin, y);
        cairo_stroke(m_cr);
    }

private:
    cairo_t *m_cr;
};

double heading(Pen &pen, const Bill &b)
{
    double y = kMargin + 12;
    pen.font(15, true);
    pen.left(kMargin, y, b.storeName.isEmpty() ? QStringLiteral("Bill") : b.storeName,
             kWidth - 2 * kMargin);
    pen.font(8.5, false);
    for (const QString &line :
         {b.storeAddress,
          b.storePhone.isEmpty() ? QString() : QStringLiteral("Phone %1").arg(b.storePhone),
          b.gstin.isEmpty() ? QString() : QStringLiteral("GSTIN %1").arg(b.gstin)}) {
        if (line.isEmpty())
            continue;
        y += 12;
        pen.left(kMargin, y, line, kWidth - 2 * kMargin);
    }
    y += 22;
    pen.font(11, true);
    pen.left(kMargin, y, b.title());
    pen.font(9, false);
    pen.right(kWidth - kMargin, y,
              b.date.toLocalTime().toString(QStringLiteral("d MMM yyyy, h:mm ap")));
    y += 13;
    QString who = b.customerName;
    if (!b.customerPhone.isEmpty())
        who += QStringLiteral("  +%1").arg(b.customerPhone);
    pen.left(kMargin, y, QStringLiteral("Order #%1  %2").arg(b.orderId).arg(who),
             kWidth - 2 * kMargin);
    return y + 10;
}

double tableHead(Pen &pen, double y)
{
    pen.rule(y);
    y += 12;
    pen.font(8.5, true);
    pen.left(kMargin, y, QStringLiteral("Item"));
    pen.right(kWidth - kMargin - 150, y, QStringLiteral("Qty"));
    pen.right(kWidth - kMargin - 75, y, QStringLiteral("Rate"));
    pen.right(kWidth - kMargin, y, QStringLiteral("Amount"));
    y += 5;
    pen.rule(y);
    return y + kRow - 4;
}

void totals(Pen &pen, const Bill &b, double y)
{
    pen.rule(y - kRow + 6);
    y += 4;
    pen.font(11, true);
    pen.left(kMargin, y, QStringLiteral("Total"));
    pen.right(kWidth - kMargin, y, Money::format(b.totalMinor));
    pen.font(8.5, false);
    if (b.taxIncludedMinor > 0) {
        y += 13;
        pen.left(kMargin, y,
                 QStringLiteral("Includes GST %1%").arg(QString::number(b.taxPercent, 'g', 4)));
        pen.right(kWidth - kMargin, y, Money::format(b.taxIncludedMinor));
    }
    y += 20;
    pen.font(10, true);
    pen.left(kMargin, y, b.state);
    if (b.onCreditMinor > 0 && b.onCreditMinor < b.totalMinor) {
        pen.font(8.5, false);
        pen.right(kWidth - kMargin, y,
                  QStringLiteral("%1 on credit").arg(Money::format(b.onCreditMinor)));
    }
    pen.font(8, false);
    pen.left(kMargin, kHeight - kMargin, QStringLiteral("Thank you for shopping with us."));
}

} // namespace

Result<QByteArray> BillPdf::render(const Bill &b)
{
    QByteArray pdf;
    std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
        cairo_pdf_surface_create_for_stream(appendTo, &pdf, kWidth, kHeight),
        cairo_surface_destroy);
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE,
                                   b.title().toUtf8().constData());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Shopdesk");
    std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr(cairo_create(surface.get()),
                                                          cairo_destroy);
    cairo_set_source_rgb(cr.get(), 0.1, 0.1, 0.1);
    Pen pen(cr.get());
    double y = tableHead(pen, heading(pen, b));
    for (const Bill::Line &l : b.lines) {
        if (y > kHeight - kMargin - 80) { // the totals need room: go on on the next page
            cairo_show_page(cr.get());
            pen.font(9, false);
            pen.left(kMargin, kMargin + 10, QStringLiteral("%1 (continued)").arg(b.title()));
            y = tableHead(pen, kMargin + 20);
        }
        pen.font(9, false);
        pen.left(kMargin, y, l.item, kWidth - 2 * kMargin - 160);
        pen.right(kWidth - kMargin - 150, y, l.quantity);
        pen.right(kWidth - kMargin - 75, y, Money::format(l.unitPriceMinor));
        pen.right(kWidth - kMargin, y, Money::format(l.totalMinor));
        y += kRow;
    }
    totals(pen, b, y + 6);
    cairo_show_page(cr.get());
    cr.reset();
    cairo_surface_finish(surface.get());
    const cairo_status_t status = cairo_surface_status(surface.get());
    if (status != CAIRO_STATUS_SUCCESS)
        return Result<QByteArray>::failure(
            QStringLiteral("The bill's PDF could not be made (%1).")
                .arg(QString::fromUtf8(cairo_status_to_string(status))));
    return pdf;
}

} // namespace shopdesk
