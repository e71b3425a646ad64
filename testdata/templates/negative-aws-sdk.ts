// AWS SDK v3: temporary credentials carry a sessionToken. Nothing here is Okta.
import { S3Client, ListBucketsCommand } from '@aws-sdk/client-s3';
import { STSClient, AssumeRoleCommand } from '@aws-sdk/client-sts';

const client = new S3Client({ credentials: { accessKeyId: a, secretAccessKey: b, sessionToken: process.env.AWS_SESSION_TOKEN } });

export async function assume(roleArn: string) {
  const sts = new STSClient({});
  const { Credentials } = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'ci' }));
  const sessionToken = Credentials!.SessionToken;
  const creds = { accessKeyId: Credentials!.AccessKeyId, secretAccessKey: Credentials!.SecretAccessKey, sessionToken };
  return new S3Client({ credentials: creds }).send(new ListBucketsCommand({}));
}

export const fromEnv = () => ({ sessionToken: process.env['AWS_SESSION_TOKEN'], region: 'eu-west-1' });
