#pragma once

#include "cli/CliCommand.h"

namespace shopdesk {

class Store;

// What Shopdesk reads in a customer's file, as the bot would get it: a photo's lines (Tesseract,
// offline) with the items they make in the store's catalog, or a voice note's transcript from
// the store's transcription endpoint (setting ai.transcription).
class MediaReadCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("media read"); }
    QString description() const override
    {
        return QStringLiteral("Read a photo of a list or transcribe a voice note, as the bot "
                              "would.");
    }
    void addOptions(QCommandLineParser &parser) override;
    QString positionalSyntax() const override { return QStringLiteral(" FILE"); }
    int run(const QCommandLineParser &parser) override;

private:
    int readPhoto(const QCommandLineParser &parser, Store &store, qint64 tenantId,
                  const QByteArray &bytes);
    int transcribe(const QCommandLineParser &parser, Store &store, qint64 tenantId,
                   const QString &path, const QByteArray &bytes);
};

} // namespace shopdesk
