#include "MessageListModel.h"

#include "InboxSource.h"
#include "reading/MediaReading.h"

#include <QSet>

#include <algorithm>
#include <limits>

namespace shopdesk {

MessageListModel::MessageListModel(InboxSource &source, QObject *parent)
    : QAbstractListModel(parent)
    , m_source(source)
{
    connect(&m_source, &InboxSource::messagesAppended, this, &MessageListModel::onMessagesAppended);
    connect(&m_source, &InboxSource::messageUpdated, this, &MessageListModel::onMessageUpdated);
    connect(&m_source, &InboxSource::resyncNeeded, this, [this](qint64 tenantId) {
        if (m_conversationId > 0 && (tenantId == 0 || tenantId == m_tenantId)) {
            const qint64 conversation = m_conversationId;
            setConversation(m_tenantId, 0); // read the open chat again from the start
            setConversation(m_tenantId, conversation);
        }
    });
}

int MessageListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_messages.size());
}

QVariant MessageListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Message &m = m_messages.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayText(m);
    case BodyRole:
        return m.body;
    case MediaStateRole:
        return m.mediaState;
    case MediaRefRole:
        return m.mediaRef;
    case MediaMimeRole:
        return m.mediaMime;
    case ReadingRole:
        return readingText(m);
    case MessageIdRole:
        return m.id;
    case AuthorRole:
        return toText(m.author);
    case DirectionRole:
        return toText(m.direction);
    case TypeRole:
        return m.type;
    case StatusRole:
        return toText(m.status);
    case FailureReasonRole:
        return m.failureReason;
    case CreatedAtRole:
        return m.createdAt;
    case RevisionRole:
        return int(m.status) * 1000003 + int(qHash(m.body)) + int(qHash(m.mediaState)) * 7 +
               int(qHash(m.failureReason)) * 13 + int(qHash(m.extraJson)) * 17;
    }
    return {};
}

QHash<int, QByteArray> MessageListModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names.insert(MessageIdRole, "messageId");
    names.insert(AuthorRole, "author");
    names.insert(DirectionRole, "direction");
    names.insert(TypeRole, "type");
    names.insert(StatusRole, "status");
    names.insert(FailureReasonRole, "failureReason");
    names.insert(MediaStateRole, "mediaState");
    names.insert(BodyRole, "body");
    names.insert(MediaRefRole, "mediaRef");
    names.insert(MediaMimeRole, "mediaMime");
    names.insert(CreatedAtRole, "createdAt");
    return names;
}

bool MessageListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_hasOlder && !m_loading;
}

void MessageListModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent) || m_messages.isEmpty())
        return;
    load(m_messages.first().id);
}

void MessageListModel::setConversation(qint64 tenantId, qint64 conversationId)
{
    if (tenantId == m_tenantId && conversationId == m_conversationId)
        return;
    m_tenantId = tenantId;
    m_conversationId = conversationId;
    ++m_generation;
    beginResetModel();
    m_messages.clear();
    m_hasOlder = false;
    m_loading = false;
    endResetModel();
    if (conversationId > 0)
        load(0);
}

void MessageListModel::load(qint64 beforeId)
{
    m_loading = true;
    const quint64 generation = m_generation;
    const qint64 tenantId = m_tenantId;
    const qint64 conversationId = m_conversationId;
    m_source.messages(tenantId, conversationId, kPageSize, beforeId, this,
                      [this, generation, beforeId](Result<QList<Message>> result) {
                          if (generation != m_generation)
                              return; // another conversation was opened meanwhile
                          if (!result) {
                              m_loading = false;
                              Q_EMIT loadFailed(result.error());
                              return;
                          }
                          QList<Message> page = std::move(result).value();
                          m_hasOlder = page.size() == kPageSize;
                          if (beforeId == 0) {
                              // Live messages may have arrived while loading: keep the newest of
                              // both.
                              QSet<qint64> known;
                              for (const Message &m : page)
                                  known.insert(m.id);
                              for (const Message &m : std::as_const(m_messages)) {
                                  if (!known.contains(m.id))
                                      page.append(m);
                              }
                              beginResetModel();
                              m_messages = std::move(page);
                              endResetModel();
                          } else {
                              // Only what is older than what we show; never the same message twice.
                              const qint64 firstShown = m_messages.isEmpty()
                                                            ? std::numeric_limits<qint64>::max()
                                                            : m_messages.first().id;
                              page.erase(std::remove_if(page.begin(), page.end(),
                                                        [firstShown](const Message &m) {
                                                            return m.id >= firstShown;
                                                        }),
                                         page.end());
                              if (!page.isEmpty()) {
                                  beginInsertRows({}, 0, int(page.size()) - 1);
                                  m_messages = page + m_messages;
                                  endInsertRows();
                              }
                          }
                          // Cleared last: views may ask for more from inside the insert signals
                          // above.
                          m_loading = false;
                          Q_EMIT loaded();
                      });
}

void MessageListModel::onMessagesAppended(qint64 tenantId, qint64 conversationId,
                                          const QList<Message> &messages)
{
    if (tenantId != m_tenantId || conversationId != m_conversationId || messages.isEmpty())
        return;
    const qint64 lastId = m_messages.isEmpty() ? 0 : m_messages.last().id;
    QList<Message> fresh;
    for (const Message &m : messages) {
        if (m.id > lastId)
            fresh.append(m);
    }
    if (fresh.isEmpty())
        return;
    const int first = int(m_messages.size());
    beginInsertRows({}, first, first + int(fresh.size()) - 1);
    m_messages.append(fresh);
    endInsertRows();
}

void MessageListModel::onMessageUpdated(qint64 tenantId, const Message &message)
{
    if (tenantId != m_tenantId || message.conversationId != m_conversationId)
        return;
    // Newest messages change most (statuses): search from the end.
    for (qsizetype row = m_messages.size() - 1; row >= 0; --row) {
        if (m_messages.at(row).id == message.id) {
            m_messages[row] = message;
            const QModelIndex changed = index(int(row));
            Q_EMIT dataChanged(changed, changed);
            return;
        }
    }
}

QString MessageListModel::readingText(const Message &m)
{
    if (!MediaReading::readable(m.type) || m.direction != Direction::Inbound)
        return {};
    const MediaReading r = MediaReading::of(m);
    const bool voice = MediaReading::isVoice(m.type);
    switch (r.state) {
    case MediaReading::State::None:
        return m.mediaState == QLatin1String("ready")
                   ? (voice ? tr("Listening…") : tr("Reading the photo…"))
                   : QString();
    case MediaReading::State::Unread:
        return (voice ? tr("Not transcribed: %1") : tr("Not read: %1")).arg(r.reason);
    case MediaReading::State::Read:
        break;
    }
    if (r.text.trimmed().isEmpty())
        return voice ? tr("No words were heard in it.") : tr("No writing was found on it.");
    const QString sure =
        r.confidence >= 0 ? tr(", %1% sure").arg(qRound(r.confidence * 100)) : QString();
    return voice ? tr("Transcript%1: “%2”").arg(sure, r.text)
                 : tr("Read on the photo%1:\n%2").arg(sure, r.text);
}

QString MessageListModel::displayText(const Message &m)
{
    QString kind;
    const QString type = m.type;
    if (type == QLatin1String("image"))
        kind = tr("📷 Photo");
    else if (type == QLatin1String("voice"))
        kind = tr("🎤 Voice message");
    else if (type == QLatin1String("audio"))
        kind = tr("🎧 Audio");
    else if (type == QLatin1String("video"))
        kind = tr("🎬 Video");
    else if (type == QLatin1String("document"))
        kind = tr("📄 Document");
    else if (type == QLatin1String("sticker"))
        kind = tr("Sticker");
    else if (type == QLatin1String("location"))
        kind = tr("📍 Location");
    else if (type == QLatin1String("contacts"))
        kind = tr("👤 Contact");
    else if (type == QLatin1String("order"))
        kind = tr("🛒 Order from the catalog");
    else if (type == QLatin1String("reaction"))
        kind = m.body.isEmpty() ? tr("Removed a reaction") : tr("Reacted");
    else if (type == QLatin1String("edit"))
        kind = tr("✎ Edited a message");
    else if (type == QLatin1String("template"))
        kind = tr("Template message");
    else if (type == QLatin1String("unsupported"))
        kind = tr("⚠ A kind of message WhatsApp does not pass on to businesses");
    if (m.hasMedia()) {
        if (m.mediaState == QLatin1String("pending"))
            kind += tr(" (downloading…)");
        else if (m.mediaState == QLatin1String("failed"))
            kind += tr(" (could not be downloaded: %1)").arg(m.mediaRef);
    }
    if (kind.isEmpty())
        return m.body;
    if (m.body.isEmpty() || type == QLatin1String("order"))
        return type == QLatin1String("order") ? kind + QLatin1Char('\n') + m.body : kind;
    return kind + QLatin1Char('\n') + m.body;
}

} // namespace shopdesk
