#pragma once

#include "cli/CliCommand.h"

namespace shopdesk {

// customer export|erase: one customer's data as a zip, or erased (DPDP/GDPR). Acts as the
// store's owner (the command line holds the database's credentials); audited.
class CustomerCommand final : public CliCommand
{
public:
    explicit CustomerCommand(bool erase)
        : m_erase(erase)
    {}
    QString name() const override
    {
        return m_erase ? QStringLiteral("customer erase") : QStringLiteral("customer export");
    }
    QString description() const override
    {
        return m_erase ? QStringLiteral("Erase a customer's messages and files (orders are kept "
                                        "without their name).")
                       : QStringLiteral("Export everything kept about a customer as a zip.");
    }
    void addOptions(QCommandLineParser &parser) override;
    int run(const QCommandLineParser &parser) override;

private:
    bool m_erase;
};

} // namespace shopdesk
