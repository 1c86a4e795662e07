#pragma once

#include "cli/CliCommand.h"

namespace shopdesk {

// `customer add --name NAME [--nickname] [--landmark] [--notes] [--labels a,b]`: a walk-in
// customer, who buys at the counter and has no WhatsApp number (audited).
class CustomerAddCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("customer add"); }
    QString description() const override
    {
        return QStringLiteral("Add a walk-in customer (no WhatsApp number) for the ledger.");
    }
    void addOptions(QCommandLineParser &parser) override;
    int run(const QCommandLineParser &parser) override;
};

} // namespace shopdesk
