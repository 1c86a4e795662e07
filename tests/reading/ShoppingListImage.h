#pragma once

#include <QByteArray>
#include <QStringList>

namespace shopdesk::test {

// A shopping list drawn with Qt as a customer's photo of it would look: dark ink on paper,
// one item a line, in English or Devanagari. The "photographed" variant is turned a few
// degrees, greyed unevenly and speckled with noise (a seeded generator: the same every run).
struct ShoppingListImage
{
    enum class Look { Clean, Photographed };
    static QByteArray png(const QStringList &lines, Look look = Look::Clean,
                          const QString &family = QStringLiteral("DejaVu Sans"));
    static QByteArray jpeg(const QStringList &lines, Look look = Look::Clean,
                           const QString &family = QStringLiteral("DejaVu Sans"));
    static QByteArray blank(); // a photo of an empty sheet
};

} // namespace shopdesk::test
