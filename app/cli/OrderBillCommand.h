#pragma once

#include "cli/CliCommand.h"

namespace shopdesk {

// `order bill --tenant T --order N [--pdf FILE] [--send]`: an order's bill as text, saved as a
// PDF, or sent to the customer's WhatsApp chat as a document (reprints keep the number).
class OrderBillCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("order bill"); }
    QString description() const override
    {
        return QStringLiteral("Print an order's bill, save it as a PDF, or send it to the "
                              "customer on WhatsApp.");
    }
    void addOptions(QCommandLineParser &parser) override;
    int run(const QCommandLineParser &parser) override;
};

} // namespace shopdesk
