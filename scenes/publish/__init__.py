"""Publishing a web package to S3-compatible object storage (Alibaba Cloud OSS,
Tencent COS, Huawei OBS, Qiniu, AWS S3, SeaweedFS, Ceph...).

Plan, then apply: :func:`plan_publish` compares the exported package with the
manifest in the bucket (content hashes) and says what would be uploaded, replaced
and removed; :func:`apply_publish` does it in an order that never shows a visitor a
page whose files are not there yet. :func:`publish_project` exports a project first::

    from scenes.publish import parse_target, publish_project
    result = publish_project(project, parse_target("s3://museum-site/expo",
                             endpoint="https://s3.oss-cn-hangzhou.aliyuncs.com"), progress=progress)
    print("\\n".join(result.lines()))

Modules: :mod:`.target` (s3:// addresses), :mod:`.credentials` (where keys come
from, ``publish login``), :mod:`.headers` (Content-Type, Cache-Control, stages),
:mod:`.local` (the package's files and hashes), :mod:`.manifest` (what the bucket
records), :mod:`.store` (boto3, retries, one-line errors), :mod:`.plan`,
:mod:`.apply`, :mod:`.project`.
"""

from scenes.publish.apply import PublishReport, apply_publish
from scenes.publish.credentials import CredentialStore, Credentials, resolve
from scenes.publish.errors import NetworkError, PublishError
from scenes.publish.plan import PublishPlan, Upload, plan_publish
from scenes.publish.project import Published, project_id, publish_project
from scenes.publish.store import Bucket, Retry
from scenes.publish.target import Target, parse_target

__all__ = ["Bucket", "CredentialStore", "Credentials", "NetworkError", "PublishError", "PublishPlan",
           "PublishReport", "Published", "Retry", "Target", "Upload", "apply_publish", "parse_target",
           "plan_publish", "project_id", "publish_project", "resolve"]
