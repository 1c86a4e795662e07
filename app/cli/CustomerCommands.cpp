#include "cli/CustomerCommands.h"

#include "access/OperatorAccounts.h"
#include "engine/DataDirectory.h"
#include "privacy/CustomerData.h"
#include "privacy/PrivacyService.h"
#include "storage/Store.h"

namespace shopdesk {

void CustomerCommand::addOptions(QCommandLineParser &parser)
{
    addTenantOption(parser);
    parser.addOption({QStringLiteral("phone"), QStringLiteral("The customer's WhatsApp number."),
                      QStringLiteral("NUMBER")});
    if (m_erase)
        parser.addOption(
            {QStringLiteral("yes"), QStringLiteral("Really erase (it cannot be undone).")});
    else
        parser.addOption({QStringLiteral("out"), QStringLiteral("The zip file to write."),
                          QStringLiteral("FILE")});
}

int CustomerCommand::run(const QCommandLineParser &parser)
{
    const QString phone = parser.value(QStringLiteral("phone"));
    if (phone.trimmed().isEmpty())
        return fail(QStringLiteral("Say which customer with --phone NUMBER."));
    if (!m_erase && parser.value(QStringLiteral("out")).isEmpty())
        return fail(QStringLiteral("Say where to write the export with --out FILE.zip."));
    if (m_erase && !parser.isSet(QStringLiteral("yes")))
        return fail(QStringLiteral("Erasing cannot be undone: run it again with --yes."));
    auto open = openTenant(parser);
    if (!open)
        return fail(open.error());
    Store &store = *open->store;
    const qint64 tenantId = open->tenant.id;
    auto contact = CustomerData::contactByPhone(store, tenantId, phone);
    if (!contact)
        return fail(contact.error());
    const QString dataDir = DataDirectory::resolve(parser.value(QStringLiteral("data-dir")));
    constexpr qint64 kCli = OperatorAccounts::kCommandLine;
    if (!m_erase) {
        const QString out = parser.value(QStringLiteral("out"));
        const Status written =
            PrivacyService::writeExport(store, dataDir, tenantId, kCli, contact.value(), out);
        if (!written)
            return fail(written.error());
        this->out() << "Wrote " << out << ".\n";
        return ExitOk;
    }
    auto erased = CustomerData::erase(store, tenantId, kCli, contact.value());
    if (!erased)
        return fail(erased.error());
    PrivacyService::removeFiles(dataDir, erased->mediaRefs);
    out() << "Erased " << erased->messages << " messages in " << erased->conversations
          << " chats; kept " << erased->ordersKept << " orders without a name.\n";
    return ExitOk;
}

} // namespace shopdesk
