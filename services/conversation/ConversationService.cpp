#include "conversation/ConversationService.h"

#include "settings/StoreSettingsService.h"

#include "messaging/MediaFiles.h"

#include "agent/ShopTools.h"
#include "conversation/OutgoingFile.h"
#include "messaging/ChannelConfig.h"
#include "storage/StoreWorker.h"

#include <QFileInfo>

namespace shopdesk {

ConversationService::ConversationService(StoreWorker &store, QString dataDir, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_dataDir(std::move(dataDir))
{
    m_files.setMaxThreadCount(1);
    qRegisterMetaType<shopdesk::OwnershipChange>();
    connect(&m_autoHandBack, &QTimer::timeout, this, &ConversationService::checkSilentChats);
    connect(&m_store, &StoreWorker::settingsChanged, this,
            &ConversationService::inboxSettingsChanged);
}

template<typename Job>
void ConversationService::runChange(QObject *context, Job job, ChangeDone done)
{
    QPointer<QObject> receiver(context);
    m_store.run(this, std::move(job),
                [this, receiver, done = std::move(done)](Result<OwnershipChange> r) {
                    if (r && r->changed)
                        Q_EMIT ownerChanged(r->after.tenantId, r.value());
                    if (done && receiver)
                        done(std::move(r));
                });
}

void ConversationService::takeOver(qint64 tenantId, qint64 conversationId, qint64 operatorId,
                                   QObject *context, ChangeDone done)
{
    runChange(
        context,
        [=](Store &s) {
            return ConversationActions::takeOver(s, tenantId, conversationId, operatorId);
        },
        std::move(done));
}

void ConversationService::handBack(qint64 tenantId, qint64 conversationId, qint64 operatorId,
                                   QObject *context, ChangeDone done)
{
    runChange(
        context,
        [=](Store &s) {
            return ConversationActions::handBack(s, tenantId, conversationId, operatorId);
        },
        std::move(done));
}

void ConversationService::close(qint64 tenantId, qint64 conversationId, qint64 operatorId,
                                const QString &reason, QObject *context, ChangeDone done)
{
    runChange(
        context,
        [=](Store &s) {
            return ConversationActions::close(s, tenantId, conversationId, operatorId, reason);
        },
        std::move(done));
}

void ConversationService::reopen(qint64 tenantId, qint64 conversationId, qint64 operatorId,
                                 QObject *context, ChangeDone done)
{
    runChange(
        context,
        [=](Store &s) {
            return ConversationActions::reopen(s, tenantId, conversationId, operatorId);
        },
        std::move(done));
}

void ConversationService::assign(qint64 tenantId, qint64 conversationId, qint64 operatorId,
                                 qint64 assigneeId, QObject *context, ChangeDone done)
{
    runChange(
        context,
        [=](Store &s) {
            return ConversationActions::assign(s, tenantId, conversationId, operatorId, assigneeId);
        },
        std::move(done));
}

void ConversationService::reply(const OutboundDraft &draft, bool takeOverFirst, QObject *context,
                                std::function<void(Result<HumanReply>)> done)
{
    QPointer<QObject> receiver(context);
    m_store.run(
        this, [=](Store &s) { return ConversationActions::reply(s, draft, takeOverFirst); },
        [this, receiver, done = std::move(done)](Result<HumanReply> r) {
            if (r && r->takeover)
                Q_EMIT ownerChanged(r->takeover->after.tenantId, *r->takeover);
            if (done && receiver)
                done(std::move(r));
        });
}

void ConversationService::sendFile(const OutboundDraft &draft, const QString &path,
                                   bool takeOverFirst, QObject *context,
                                   std::function<void(Result<HumanReply>)> done)
{
    QPointer<QObject> receiver(context);
    m_files.start([=, this, done = std::move(done)]() mutable {
        Result<OutgoingFile> file = OutgoingFile::prepare(path, m_dataDir, draft.tenantId);
        // Back on this object's thread; posted events die with the object.
        QMetaObject::invokeMethod(this, [=, this, done = std::move(done)]() mutable {
            if (!receiver)
                return;
            if (!file) {
                if (done)
                    done(Result<HumanReply>::failure(file.error()));
                return;
            }
            OutboundDraft media = draft;
            media.mediaType = file->mediaType;
            media.mediaFile = file->path;
            media.mediaRef = file->ref;
            media.fileName = file->fileName;
            media.caption = draft.caption.isEmpty() ? draft.text.trimmed() : draft.caption;
            media.text.clear();
            reply(media, takeOverFirst, receiver, std::move(done));
        });
    });
}

void ConversationService::mediaFile(qint64 tenantId, const QString &ref, QObject *context,
                                    std::function<void(Result<QString>)> done)
{
    m_store.run(
        context, [=, this](Store &s) { return MediaFiles::localFile(s, m_dataDir, tenantId, ref); },
        std::move(done));
}

void ConversationService::addNote(qint64 tenantId, qint64 conversationId, qint64 operatorId,
                                  const QString &text, QObject *context,
                                  std::function<void(Result<Message>)> done)
{
    m_store.run(
        context,
        [=](Store &s) {
            return ConversationActions::addNote(s, tenantId, conversationId, operatorId, text);
        },
        std::move(done));
}

void ConversationService::setLabel(qint64 tenantId, qint64 conversationId, qint64 operatorId,
                                   const QString &label, bool on, QObject *context,
                                   std::function<void(Result<Conversation>)> done)
{
    m_store.run(
        context,
        [=](Store &s) {
            return ConversationActions::setLabel(s, tenantId, conversationId, operatorId, label,
                                                 on);
        },
        std::move(done));
}

void ConversationService::inboxSettings(qint64 tenantId, QObject *context,
                                        std::function<void(Result<InboxSettings>)> done)
{
    m_store.run(
        context,
        [tenantId](Store &s) -> Result<InboxSettings> {
            auto settings = s.tenants().settings(tenantId);
            if (!settings)
                return Result<InboxSettings>::failure(settings.error());
            InboxSettings inbox = InboxSettings::fromSettings(settings.value());
            if (inbox.storeName.isEmpty()) {
                auto tenants = s.tenants().tenants();
                for (const Tenant &t : tenants ? tenants.value() : QList<Tenant>{})
                    if (t.id == tenantId)
                        inbox.storeName = t.name;
            }
            return inbox;
        },
        std::move(done));
}

void ConversationService::saveInboxSettings(qint64 tenantId, qint64 actorId,
                                            const InboxSettings &settings, QObject *context,
                                            std::function<void(Status)> done)
{
    const QString invalid = settings.validate();
    const auto values = settings.toSettings();
    m_store.run(
        context,
        [=](Store &s) {
            return invalid.isEmpty() ? StoreSettingsService::save(s, tenantId, actorId, values)
                                     : Status::failure(invalid, ErrorKind::Invalid);
        },
        std::move(done));
}

void ConversationService::templates(qint64 tenantId, qint64 conversationId, QObject *context,
                                    std::function<void(Result<QList<MessageTemplate>>)> done)
{
    using R = Result<QList<MessageTemplate>>;
    m_store.run(
        context,
        [=](Store &s) -> R {
            auto c = s.conversations().conversation(tenantId, conversationId);
            if (!c)
                return R::failure(c.error());
            if (c->channelId <= 0)
                return QList<MessageTemplate>{};
            auto channel = s.channels().channel(tenantId, c->channelId);
            if (!channel)
                return R::failure(channel.error());
            return MessageTemplate::fromChannelTemplates(
                ChannelConfig(channel.value()).templates());
        },
        std::move(done));
}

void ConversationService::customerBalance(qint64 tenantId, qint64 conversationId, QObject *context,
                                          std::function<void(Result<QString>)> done)
{
    m_store.run(
        context,
        [=](Store &s) -> Result<QString> {
            auto c = s.conversations().conversation(tenantId, conversationId);
            if (!c)
                return Result<QString>::failure(c.error());
            auto owed = s.ledger().balance(tenantId, c->contactId);
            if (!owed)
                return Result<QString>::failure(owed.error());
            auto settings = s.tenants().settings(tenantId);
            const QString currency =
                settings ? settings->value(QStringLiteral("store.currency"), QStringLiteral("INR"))
                         : QStringLiteral("INR");
            return ShopTools::formatMoney(std::max<qint64>(0, owed.value()), currency);
        },
        std::move(done));
}

void ConversationService::searchMessages(qint64 tenantId, const QString &text, QObject *context,
                                         std::function<void(Result<QList<qint64>>)> done)
{
    m_store.run(
        context, [=](Store &s) { return s.conversations().searchMessages(tenantId, text); },
        std::move(done));
}

void ConversationService::startAutoHandBack(int checkIntervalMs)
{
    m_autoHandBack.start(checkIntervalMs);
}

void ConversationService::checkSilentChats()
{
    m_store.run(
        this,
        [](Store &s) {
            return ConversationActions::handBackSilent(s, QDateTime::currentDateTimeUtc());
        },
        [this](Result<QList<OwnershipChange>> r) {
            if (!r) {
                Q_EMIT failed(
                    tr("Quiet chats could not be handed back to the bot: %1").arg(r.error()));
                return;
            }
            for (const OwnershipChange &c : r.value())
                Q_EMIT ownerChanged(c.after.tenantId, c);
        });
}

} // namespace shopdesk
