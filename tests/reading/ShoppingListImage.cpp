#include "ShoppingListImage.h"

#include <QBuffer>
#include <QFont>
#include <QImage>
#include <QPainter>
#include <QRandomGenerator>
#include <QTransform>

namespace shopdesk::test {

namespace {

QImage draw(const QStringList &lines, ShoppingListImage::Look look, const QString &family)
{
    QImage page(900, 160 + 90 * int(lines.size()), QImage::Format_RGB32);
    page.fill(QColor(250, 248, 240));
    QPainter p(&page);
    p.setRenderHint(QPainter::TextAntialiasing);
    QFont font(family);
    font.setPixelSize(46);
    p.setFont(font);
    p.setPen(QColor(25, 25, 60));
    int y = 110;
    for (const QString &line : lines) {
        p.drawText(70, y, line);
        y += 90;
    }
    p.end();
    if (look == ShoppingListImage::Look::Clean)
        return page;
    // Taken at a slant, in uneven light, with sensor noise.
    QImage turned = page.transformed(QTransform().rotate(3.5), Qt::SmoothTransformation);
    QImage photo(turned.size(), QImage::Format_RGB32);
    photo.fill(QColor(250, 248, 240));
    QPainter q(&photo);
    q.drawImage(0, 0, turned);
    q.end();
    QRandomGenerator noise(17);
    for (int yy = 0; yy < photo.height(); ++yy) {
        QRgb *row = reinterpret_cast<QRgb *>(photo.scanLine(yy));
        for (int x = 0; x < photo.width(); ++x) {
            const int shade = -30 * x / photo.width(); // darker to the right
            const int speck = int(noise.bounded(41)) - 20;
            const auto clamp = [](int v) {
                return std::clamp(v, 0, 255);
            };
            const QRgb c = row[x];
            row[x] = qRgb(clamp(qRed(c) + shade + speck), clamp(qGreen(c) + shade + speck),
                          clamp(qBlue(c) + shade + speck));
        }
    }
    return photo;
}

QByteArray encode(const QImage &image, const char *format)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, format, 85);
    return bytes;
}

} // namespace

QByteArray ShoppingListImage::png(const QStringList &lines, Look look, const QString &family)
{
    return encode(draw(lines, look, family), "PNG");
}

QByteArray ShoppingListImage::jpeg(const QStringList &lines, Look look, const QString &family)
{
    return encode(draw(lines, look, family), "JPEG");
}

QByteArray ShoppingListImage::blank()
{
    return encode(draw({}, Look::Photographed, QStringLiteral("DejaVu Sans")), "JPEG");
}

} // namespace shopdesk::test
