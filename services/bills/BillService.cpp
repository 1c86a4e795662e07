#include "bills/BillService.h"

#include "access/AuditedChange.h"
#include "bills/BillBuilder.h"
#include "bills/BillPdf.h"
#include "bills/BillText.h"
#include "messaging/MessagingService.h"
#include "storage/Store.h"
#include "storage/StoreWorker.h"

#include <QDir>
#include <QSaveFile>
#include <QUuid>

namespace shopdesk {

BillService::BillService(StoreWorker &store, QString dataDir, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_dataDir(std::move(dataDir))
{}

Result<BillService::Printed> BillService::print(Store &store, qint64 tenantId, qint64 actorId,
                                                qint64 orderId)
{
    using R = Result<Printed>;
    return auditedChange<Printed>(
        store, tenantId, actorId, Permission::WorkChats, [&](QString &, QJsonObject &) -> R {
            auto bill = BillBuilder::forOrder(store, tenantId, orderId);
            if (!bill)
                return R::failure(bill.error(), bill.errorKind());
            auto pdf = BillPdf::render(bill.value());
            if (!pdf)
                return R::failure(pdf.error());
            return Printed{bill.value(), BillText::render(bill.value()), pdf.value()};
        });
}

Result<QString> BillService::writePdf(const QString &dataDir, qint64 tenantId, const Bill &bill,
                                      const QByteArray &pdf)
{
    const QString dir = QDir(dataDir).filePath(QStringLiteral("media/%1/sent").arg(tenantId));
    if (!QDir().mkpath(dir))
        return Result<QString>::failure(
            QStringLiteral("Cannot create the folder %1 for the bill.").arg(dir));
    const QString path =
        QDir(dir).filePath(QStringLiteral("bill-%1-%2.pdf")
                               .arg(bill.number)
                               .arg(QUuid::createUuid().toString(QUuid::Id128).left(12)));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(pdf) != pdf.size() || !file.commit())
        return Result<QString>::failure(
            QStringLiteral("Cannot write the bill to %1 (is the disk full?).").arg(path));
    return QDir(dataDir).relativeFilePath(path);
}

Result<Bill> BillService::send(Store &store, const QString &dataDir, qint64 tenantId,
                               qint64 actorId, qint64 orderId, Author author)
{
    using R = Result<Bill>;
    const Permission need = Permission::WorkChats;
    const auto job = [&](QString &action, QJsonObject &detail) -> R {
        auto bill = BillBuilder::forOrder(store, tenantId, orderId);
        if (!bill)
            return R::failure(bill.error(), bill.errorKind());
        auto order = store.catalog().order(tenantId, orderId);
        if (!order)
            return R::failure(order.error(), order.errorKind());
        qint64 chat = order->conversationId;
        if (chat == 0) {
            auto customer = store.customers().customer(tenantId, order->contactId);
            if (!customer)
                return R::failure(customer.error(), customer.errorKind());
            chat = customer->conversationId;
        }
        if (chat == 0)
            return R::failure(QStringLiteral("%1 has no WhatsApp chat with the store; print the "
                                             "bill instead.")
                                  .arg(bill->customerName.isEmpty()
                                           ? QStringLiteral("This customer")
                                           : bill->customerName),
                              ErrorKind::Invalid);
        auto pdf = BillPdf::render(bill.value());
        if (!pdf)
            return R::failure(pdf.error());
        auto ref = writePdf(dataDir, tenantId, bill.value(), pdf.value());
        if (!ref)
            return R::failure(ref.error());
        OutboundDraft draft;
        draft.tenantId = tenantId;
        draft.conversationId = chat;
        draft.author = author;
        draft.operatorId = author == Author::Human ? actorId : 0;
        draft.mediaType = QStringLiteral("document");
        draft.mediaFile = QDir(dataDir).filePath(ref.value());
        draft.mediaRef = ref.value();
        draft.fileName = bill->fileName();
        draft.caption = BillText::render(bill.value());
        auto sent = MessagingService::enqueue(store, draft);
        if (!sent)
            return R::failure(sent.error(), sent.errorKind());
        if (author == Author::Human) {
            action = QStringLiteral("bill.send");
            detail.insert(QStringLiteral("order"), orderId);
            detail.insert(QStringLiteral("bill"), bill->number);
        }
        return bill;
    };
    if (author == Author::Bot) { // the bot's own turn, inside its transaction
        QString action;
        QJsonObject detail;
        return store.transact([&] { return job(action, detail); });
    }
    return auditedChange<Bill>(store, tenantId, actorId, need, job);
}

void BillService::print(qint64 tenantId, qint64 actorId, qint64 orderId, QObject *context,
                        std::function<void(Result<Printed>)> done)
{
    m_store.run(
        context, [=](Store &s) { return print(s, tenantId, actorId, orderId); }, std::move(done));
}

void BillService::send(qint64 tenantId, qint64 actorId, qint64 orderId, QObject *context,
                       std::function<void(Result<Bill>)> done)
{
    m_store.run(
        context,
        [=, dataDir = m_dataDir](Store &s) {
            return send(s, dataDir, tenantId, actorId, orderId, Author::Human);
        },
        std::move(done));
}

} // namespace shopdesk
