#pragma once

#include "cli/CliCommand.h"

namespace shopdesk {

// `customer list [--search WORDS] [--json]`: the store's customers with their nickname,
// landmark, balance, last order and opt-out state.
class CustomerListCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("customer list"); }
    QString description() const override
    {
        return QStringLiteral("List customers (search by name, nickname, landmark, notes, "
                              "labels or number) with what they owe.");
    }
    void addOptions(QCommandLineParser &parser) override;
    int run(const QCommandLineParser &parser) override;
};

} // namespace shopdesk
