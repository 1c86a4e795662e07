#pragma once

#include "cli/CliCommand.h"

namespace shopdesk {

class Store;

// conversation list: the inbox as the console shows it.
class ConversationListCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("conversation list"); }
    QString description() const override
    {
        return QStringLiteral("List a store's chats: who answers each, and who waits for a "
                              "person.");
    }
    void addOptions(QCommandLineParser &parser) override;
    int run(const QCommandLineParser &parser) override;
};

// conversation takeover|handback|close|reopen|assign: a person changes who answers a chat.
class ConversationOwnerCommand final : public CliCommand
{
public:
    explicit ConversationOwnerCommand(QString action)
        : m_action(std::move(action))
    {}
    QString name() const override { return QStringLiteral("conversation ") + m_action; }
    QString description() const override;
    void addOptions(QCommandLineParser &parser) override;
    int run(const QCommandLineParser &parser) override;

private:
    QString m_action;
};

// conversation note: a private note, for operators only.
class ConversationNoteCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("conversation note"); }
    QString description() const override
    {
        return QStringLiteral("Write a private note in a chat (never sent to the customer).");
    }
    void addOptions(QCommandLineParser &parser) override;
    QString positionalSyntax() const override { return QStringLiteral(" TEXT"); }
    int run(const QCommandLineParser &parser) override;
};

// label add|remove: a chat's labels.
class LabelCommand final : public CliCommand
{
public:
    explicit LabelCommand(bool add)
        : m_add(add)
    {}
    QString name() const override
    {
        return m_add ? QStringLiteral("label add") : QStringLiteral("label remove");
    }
    QString description() const override
    {
        return m_add ? QStringLiteral("Put a label on a chat.")
                     : QStringLiteral("Take a label off a chat.");
    }
    void addOptions(QCommandLineParser &parser) override;
    QString positionalSyntax() const override { return QStringLiteral(" LABEL"); }
    int run(const QCommandLineParser &parser) override;

private:
    bool m_add;
};

} // namespace shopdesk
