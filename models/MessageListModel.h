#pragma once

#include "domain/Message.h"

#include <QAbstractListModel>

namespace shopdesk {

class InboxSource;

// The messages of one conversation, oldest at the top. Loads the latest page; older pages come
// on demand (canFetchMore/fetchMore) as the view scrolls up; new messages are appended live.
class MessageListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        MessageIdRole = Qt::UserRole + 1,
        AuthorRole,    // "customer", "bot", "human", "system"
        DirectionRole, // "in", "out"
        TypeRole,
        StatusRole,
        FailureReasonRole,
        CreatedAtRole,
        RevisionRole,   // changes whenever the row's content does: the delegate's height cache key
        MediaStateRole, // "", "pending", "ready", "failed"
        BodyRole,       // the text alone (DisplayRole adds what kind of message it is)
        MediaRefRole,   // where a fetched file is, relative to the data directory
        MediaMimeRole,
        ReadingRole, // what was heard in a voice note or read off a photo, for under the bubble
    };
    static constexpr int kPageSize = 200;

    explicit MessageListModel(InboxSource &source, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    void setConversation(qint64 tenantId, qint64 conversationId);
    qint64 conversationId() const { return m_conversationId; }
    bool isLoading() const { return m_loading; }
    Message messageAt(int row) const { return m_messages.value(row); }
    // What a chat bubble says: the kind of message (photo, voice note, ...), the media's state
    // while it is being fetched, and the text or caption.
    static QString displayText(const Message &message);
    // What was heard in a voice note or read off a photo, or why not ("" for other messages).
    static QString readingText(const Message &message);

Q_SIGNALS:
    void loaded();
    void loadFailed(const QString &message);

private:
    void load(qint64 beforeId);
    void onMessagesAppended(qint64 tenantId, qint64 conversationId, const QList<Message> &messages);
    void onMessageUpdated(qint64 tenantId, const Message &message);

    InboxSource &m_source;
    qint64 m_tenantId = 0;
    qint64 m_conversationId = 0;
    QList<Message> m_messages;
    bool m_hasOlder = false;
    bool m_loading = false;
    quint64 m_generation = 0;
};

} // namespace shopdesk
