#pragma once

#include "cli/CliCommand.h"

namespace shopdesk {

struct Customer;

// The customers' ledger (udhaar) from the command line, as the store's owner, audited:
//   ledger show    --customer WHO [--json]         the book with its running balance
//   ledger pay     --customer WHO --amount 500 [--method cash|upi|card] [--note TEXT]
//   ledger credit  --customer WHO --amount 500 [--note TEXT] | --order N
//   ledger reverse --entry ID [--note TEXT]        undo an entry with a reversing one
// WHO is a phone number, or words of a name, nickname or landmark that fit one customer.
class LedgerCommand final : public CliCommand
{
public:
    enum class Action { Show, Pay, Credit, Reverse };
    explicit LedgerCommand(Action action)
        : m_action(action)
    {}
    QString name() const override;
    QString description() const override;
    void addOptions(QCommandLineParser &parser) override;
    int run(const QCommandLineParser &parser) override;

private:
    int show(Store &store, qint64 tenantId, const Customer &who, bool json);
    int write(Store &store, qint64 tenantId, const QCommandLineParser &parser);

    Action m_action;
};

} // namespace shopdesk
