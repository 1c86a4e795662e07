#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace shopdesk {

struct Product
{
    qint64 id = 0;
    qint64 tenantId = 0;
    QString sku;
    QString name;
    QString brand;
    QString category;
    QStringList aliases; // other names customers use, English and Hinglish ("doodh")
    QString unit;        // "1 L", "500 g", "pack of 6"
    qint64 priceMinor = 0;
    double stock = 0;
    double lowStockThreshold = 0;
    QDateTime updatedAt;

    bool outOfStock() const { return stock <= 0; }
    bool lowOnStock() const { return stock > 0 && stock <= lowStockThreshold; }
};

} // namespace shopdesk
