#pragma once

#include "cli/CliCommand.h"

namespace shopdesk {

class ChannelAddCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("channel add"); }
    QString description() const override
    {
        return QStringLiteral("Connect a WhatsApp number (meta, twilio, evolution or simulator).");
    }
    void addOptions(QCommandLineParser &parser) override;
    int run(const QCommandLineParser &parser) override;
};

class ChannelListCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("channel list"); }
    QString description() const override
    {
        return QStringLiteral("List a store's channels, their webhook paths and health.");
    }
    void addOptions(QCommandLineParser &parser) override;
    int run(const QCommandLineParser &parser) override;
};

} // namespace shopdesk
