#include "cli/OrderBillCommand.h"

#include "access/OperatorAccounts.h"
#include "bills/BillService.h"
#include "engine/DataDirectory.h"
#include "storage/Store.h"

#include <QSaveFile>

namespace shopdesk {

void OrderBillCommand::addOptions(QCommandLineParser &parser)
{
    addTenantOption(parser);
    parser.addOption(
        {QStringLiteral("order"), QStringLiteral("The order's number."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("pdf"), QStringLiteral("Also save the bill as this PDF."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("send"),
                      QStringLiteral("Send the bill to the customer's WhatsApp chat (a running "
                                     "engine delivers it).")});
}

int OrderBillCommand::run(const QCommandLineParser &parser)
{
    bool ok = false;
    const qint64 order =
        parser.value(QStringLiteral("order")).remove(QLatin1Char('#')).toLongLong(&ok);
    if (!ok || order <= 0)
        return fail(QStringLiteral("Say which order with --order N (its number, like 42)."));
    auto opened = openTenant(parser);
    if (!opened)
        return fail(opened.error());
    Store &store = *opened->store;
    constexpr qint64 kCli = OperatorAccounts::kCommandLine;
    if (parser.isSet(QStringLiteral("send"))) {
        const QString dataDir = DataDirectory::resolve(parser.value(QStringLiteral("data-dir")));
        auto sent =
            BillService::send(store, dataDir, opened->tenant.id, kCli, order, Author::Human);
        if (!sent)
            return fail(sent.error());
        out() << "Bill " << sent->number << " is on its way to " << sent->customerName << ".\n";
        return ExitOk;
    }
    auto printed = BillService::print(store, opened->tenant.id, kCli, order);
    if (!printed)
        return fail(printed.error());
    const QString pdfPath = parser.value(QStringLiteral("pdf"));
    if (!pdfPath.isEmpty()) {
        QSaveFile file(pdfPath);
        if (!file.open(QIODevice::WriteOnly) || file.write(printed->pdf) != printed->pdf.size() ||
            !file.commit())
            return fail(QStringLiteral("Cannot write %1: %2").arg(pdfPath, file.errorString()));
        err() << "Saved " << printed->bill.title() << " as " << pdfPath << ".\n";
    }
    out() << printed->text << '\n';
    return ExitOk;
}

} // namespace shopdesk
