<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>StorageSection</name>
    <message>
        <location filename="../publish_storage.py" line="27" />
        <source>Publish to storage (S3-compatible: OSS, COS, OBS, S3…)</source>
        <translation>发布到对象存储（兼容 S3：OSS、COS、OBS、S3…）</translation>
    </message>
    <message>
        <location filename="../publish_storage.py" line="38" />
        <source>e.g. https://oss-cn-shanghai.aliyuncs.com</source>
        <translation>例如 https://oss-cn-shanghai.aliyuncs.com</translation>
    </message>
    <message>
        <location filename="../publish_storage.py" line="41" />
        <source>optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <location filename="../publish_storage.py" line="44" />
        <source>access key id (only to save a login)</source>
        <translation>AccessKey ID（仅用于保存登录）</translation>
    </message>
    <message>
        <location filename="../publish_storage.py" line="48" />
        <source>secret (kept in the system keyring, never in the project)</source>
        <translation>密钥（保存在系统钥匙串中，绝不写入项目）</translation>
    </message>
    <message>
        <location filename="../publish_storage.py" line="49" />
        <source>Save login</source>
        <translation>保存登录</translation>
    </message>
    <message>
        <location filename="../publish_storage.py" line="57" />
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../publish_storage.py" line="59" />
        <source>List what would be uploaded, replaced and removed; upload nothing</source>
        <translation>列出将要上传、替换和删除的文件；不上传任何内容</translation>
    </message>
    <message>
        <location filename="../publish_storage.py" line="61" />
        <source>Publish</source>
        <translation>发布</translation>
    </message>
    <message>
        <location filename="../publish_storage.py" line="67" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../publish_storage.py" line="83" />
        <source>Bucket and folder</source>
        <translation>存储桶和目录</translation>
    </message>
    <message>
        <location filename="../publish_storage.py" line="84" />
        <source>Endpoint</source>
        <translation>访问域名（Endpoint）</translation>
    </message>
    <message>
        <location filename="../publish_storage.py" line="85" />
        <source>Region</source>
        <translation>地域</translation>
    </message>
    <message>
        <location filename="../publish_storage.py" line="86" />
        <source>Login</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../publish_storage.py" line="102" />
        <source>Login saved for {0}.</source>
        <translation>已保存 {0} 的登录信息。</translation>
    </message>
    <message>
        <location filename="../publish_storage.py" line="115" />
        <source>Previewing the publish</source>
        <translation>正在预览发布</translation>
    </message>
    <message>
        <location filename="../publish_storage.py" line="115" />
        <source>Publishing to storage</source>
        <translation>正在发布到对象存储</translation>
    </message>
</context>
</TS>