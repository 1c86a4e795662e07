#pragma once

#include <QWidget>

class QLabel;
class QToolButton;

namespace shopdesk {

// The file waiting to go with the next message, above the composer: a thumbnail for a photo,
// its name and size, and ✕ to take it off.
class AttachmentChip : public QWidget
{
    Q_OBJECT
public:
    explicit AttachmentChip(QWidget *parent = nullptr);

    void setFile(const QString &path);
    void clear();
    QString file() const { return m_path; }
    bool hasFile() const { return !m_path.isEmpty(); }
    QToolButton *removeButton() const { return m_remove; }

Q_SIGNALS:
    void removed();

private:
    QString m_path;
    QLabel *m_thumb = nullptr;
    QLabel *m_name = nullptr;
    QToolButton *m_remove = nullptr;
};

} // namespace shopdesk
