#pragma once

#include "cli/CliCommand.h"

namespace shopdesk {

// operator add|list|role|password|disable|enable, and audit: the people who work in a store's
// console and what they did. Run on the database's own computer these act as the store's
// owner would (the command line holds the database's credentials); passwords are read from
// standard input, never from the command line where `ps` would show them.
class OperatorCommand final : public CliCommand
{
public:
    enum class Action { Add, List, Role, Password, Disable, Enable };
    explicit OperatorCommand(Action action);
    QString name() const override;
    QString description() const override;
    void addOptions(QCommandLineParser &parser) override;
    int run(const QCommandLineParser &parser) override;

private:
    int add(Store &store, qint64 tenantId, const QCommandLineParser &parser);
    int list(Store &store, qint64 tenantId, const QCommandLineParser &parser);
    int change(Store &store, qint64 tenantId, const QCommandLineParser &parser);
    Result<QString> passwordFromStdin(bool shared) const;

    Action m_action;
};

class AuditCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("audit"); }
    QString description() const override
    {
        return QStringLiteral("Show a store's audit log (who did what, when).");
    }
    void addOptions(QCommandLineParser &parser) override;
    int run(const QCommandLineParser &parser) override;
};

} // namespace shopdesk
